import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Creates a folder and its missing parents, one level at a time, with errors that name the
 * folder. Used instead of `mkdirSync(path, { recursive: true })`, which spins at 100% CPU forever
 * on a path under a filesystem that refuses new folders with ENOENT, such as /proc (a known
 * Node.js behaviour, still present in Node 20): here each level is created once and a refusal is
 * an error.
 *
 * @example
 * ensureDir("results/run-1/figures");
 */
export function ensureDir(path: string): void {
  const target = resolve(path);
  const missing: string[] = [];
  let p = target;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new Error(`Could not create folder ${target}: ${p}: ${(err as Error).message}`);
      missing.push(p);
      const up = dirname(p);
      if (up === p) throw new Error(`Could not create folder ${target}: the root ${p} does not exist`);
      p = up;
      continue;
    }
    if (!isDir) throw new Error(`Could not create folder ${target}: ${p} is a file, not a folder`);
    break;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    const dir = missing[i]!;
    try {
      mkdirSync(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && statSync(dir).isDirectory()) continue; // made by someone else meanwhile
      const why = code === "ENOENT" ? `${dirname(dir)} exists but does not accept new folders (a virtual filesystem such as /proc?)` : (err as Error).message;
      throw new Error(`Could not create folder ${target}: ${why}`);
    }
  }
}
