import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { sha256FileSync } from "./file-hash.js";

/**
 * SHA-256 of every file under `dir` (recursively), keyed by its path relative to `dir` with `/`
 * separators, in sorted order; `skip` names top-level entries left out (e.g. the card that will
 * hold these checksums).
 *
 * @example
 * const files = folderChecksums(tmp, ["loglab-model.json"]); // { "model/weights.bin": "9f…", … }
 */
export function folderChecksums(dir: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    const abs = rel === "" ? dir : join(dir, rel);
    for (const e of readdirSync(abs).sort()) {
      if (rel === "" && skip.includes(e)) continue;
      const r = rel === "" ? e : `${rel}/${e}`;
      if (statSync(join(dir, r)).isDirectory()) walk(r);
      else out[r] = sha256FileSync(join(dir, r));
    }
  };
  walk("");
  return out;
}

/**
 * Checks files against checksums recorded by {@link folderChecksums}: each must exist and hash to
 * its recorded value. Throws an error naming the first file that does not, and `recordedIn` (the
 * file holding the checksums).
 */
export function verifyFolderChecksums(dir: string, recorded: Readonly<Record<string, string>>, recordedIn: string): void {
  for (const [rel, want] of Object.entries(recorded)) {
    if (rel.split("/").includes("..")) throw new Error(`${recordedIn}: file name ${rel} leaves the folder`);
    const path = join(dir, rel);
    if (!existsSync(path)) throw new Error(`${path} is missing (${recordedIn} lists it)`);
    const got = sha256FileSync(path);
    if (got !== want) throw new Error(`${path}: checksum mismatch (${recordedIn} records ${want.slice(0, 12)}…, the file hashes to ${got.slice(0, 12)}…): it was damaged or replaced after it was written`);
  }
}
