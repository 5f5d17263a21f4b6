import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { ensureDir } from "./ensure-dir.js";

let counter = 0;
function tempName(target: string): string {
  counter += 1;
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}-${counter}`);
}

/**
 * Writes a file atomically: the data go to a temporary name in the same folder, then one
 * rename puts it in place, so a reader never sees a half-written file and a crash leaves the
 * previous version intact.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensureDir(dirname(path));
  const tmp = tempName(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`Could not write ${path}: ${(err as Error).message}`);
  }
}

/**
 * Writes several files that belong together (a log and its labels): every file goes to a
 * temporary name first, and only when all are complete are they renamed into place, one after
 * the other, so a failure while writing leaves every earlier version as it was.
 */
export function writeFilesAtomic(files: readonly { path: string; data: string | Uint8Array }[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) {
      ensureDir(dirname(f.path));
      const tmp = tempName(f.path);
      temps.push(tmp);
      writeFileSync(tmp, f.data);
    }
  } catch (err) {
    for (const t of temps) rmSync(t, { force: true });
    throw new Error(`Could not write ${files.map((f) => f.path).join(", ")}: ${(err as Error).message}`);
  }
  files.forEach((f, i) => renameSync(temps[i]!, f.path));
}

/** Writes `value` as pretty JSON atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/** Options of {@link writeDirAtomic}. */
export interface WriteDirOptions {
  /**
   * Whether an existing, non-empty `dir` (its top-level entries given) may be replaced: it should
   * say yes only for an earlier output of the same writer. Default: never.
   */
  replaceIf?: (entries: string[]) => boolean;
}

/**
 * Fills a folder atomically: `fill` writes into a fresh temporary folder, which then replaces
 * `dir` (the old folder, if any, is removed only after the new one is complete). A `dir` that is
 * a file, or a non-empty folder that `replaceIf` does not accept, is an error before anything is
 * written, so nothing a user owns is replaced.
 */
export async function writeDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void> | void, options: WriteDirOptions = {}): Promise<void> {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is a file; a folder cannot be written there`);
    const entries = readdirSync(dir);
    if (entries.length > 0 && !(options.replaceIf?.(entries) ?? false)) {
      throw new Error(`${dir} already holds files this writer did not make (${entries.slice(0, 5).join(", ")}${entries.length > 5 ? ", …" : ""}); nothing was changed`);
    }
  }
  ensureDir(dirname(dir));
  const tmp = tempName(dir);
  mkdirSync(tmp);
  try {
    await fill(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const old = existsSync(dir) ? tempName(dir) : null;
  if (old) renameSync(dir, old);
  try {
    renameSync(tmp, dir);
  } catch (err) {
    if (old) renameSync(old, dir);
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`Could not move ${tmp} to ${dir}: ${(err as Error).message}`);
  }
  if (old) rmSync(old, { recursive: true, force: true });
}
