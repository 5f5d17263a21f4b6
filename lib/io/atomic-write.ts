import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, basename, join } from "node:path";

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
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`Could not write ${path}: ${(err as Error).message}`);
  }
}

/** Writes `value` as pretty JSON atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Fills a folder atomically: `fill` writes into a fresh temporary folder, which then replaces
 * `dir` (the old folder, if any, is removed only after the new one is complete).
 */
export async function writeDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void> | void): Promise<void> {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = tempName(dir);
  mkdirSync(tmp, { recursive: true });
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
