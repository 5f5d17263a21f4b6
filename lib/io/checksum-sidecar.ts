import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { sha256 } from "./file-hash.js";

/** The checksum file of `path`: `<path>.sha256`, in `sha256sum` format (`sha256sum -c` checks it). */
export function sidecarPath(path: string): string {
  return `${path}.sha256`;
}

/**
 * Writes `data` to `path` atomically, then its SHA-256 to `<path>.sha256`, for artifacts that
 * stay in a format other tools read (a CSV key map) and so cannot hold their own checksum.
 */
export function writeFileWithChecksum(path: string, data: string | Uint8Array): void {
  writeFileAtomic(path, data);
  writeFileAtomic(sidecarPath(path), `${sha256(data)}  ${basename(path)}\n`);
}

/**
 * Checks `bytes` (the content of `path`) against `<path>.sha256` when that file exists; a
 * mismatch is an error naming both files. Returns whether a checksum was checked (false: no
 * checksum file, e.g. a file made by hand).
 */
export function verifyChecksumSidecar(path: string, bytes: Uint8Array): boolean {
  const side = sidecarPath(path);
  if (!existsSync(side)) return false;
  const m = /^([0-9a-f]{64})\s/.exec(readFileSync(side, "utf8"));
  if (!m) throw new Error(`${side}: not a SHA-256 checksum file (expected "<64 hex digits>  ${basename(path)}")`);
  const got = sha256(bytes);
  if (got !== m[1]) throw new Error(`${path}: checksum mismatch (${side} records ${m[1]!.slice(0, 12)}…, the file hashes to ${got.slice(0, 12)}…): it was damaged or edited after loglab wrote it; if you edited it on purpose, delete ${side}`);
  return true;
}
