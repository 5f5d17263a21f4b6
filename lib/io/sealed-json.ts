import { sha256 } from "./file-hash.js";

/** The key a sealed JSON object keeps its checksum under. */
export const SEAL_KEY = "sha256";

/**
 * The checksum of a JSON value: SHA-256 of its compact `JSON.stringify` text, without the
 * `sha256` key. `JSON.parse` then `JSON.stringify` reproduces that text exactly (key order is kept,
 * numbers round-trip), so a reader can recompute it from the parsed object.
 */
export function jsonChecksum(value: object): string {
  const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete rest[SEAL_KEY];
  return sha256(JSON.stringify(rest));
}

/**
 * The object with its checksum added as the last key (`sha256`), for artifacts that must detect
 * any change after they were written (model cards, Drain states, splits): a flipped bit, a
 * truncated file or an edited value makes {@link checkSealedJson} fail.
 *
 * @example
 * writeJsonAtomic(path, sealJson({ format: "loglab.model", version: 2, threshold: 0.5 }));
 */
export function sealJson<T extends object>(value: T): T & { sha256: string } {
  const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete rest[SEAL_KEY];
  return { ...(rest as T), [SEAL_KEY]: sha256(JSON.stringify(rest)) } as T & { sha256: string };
}

/**
 * Checks a parsed sealed object: its `sha256` must be present and match its content. Throws an
 * error naming `source` (a file) otherwise.
 */
export function checkSealedJson(value: unknown, source: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${source}: not a JSON object`);
  const recorded = (value as Record<string, unknown>)[SEAL_KEY];
  if (typeof recorded !== "string") throw new Error(`${source}: no checksum (the "${SEAL_KEY}" field is missing), so it cannot be verified; it is damaged or was not written by loglab`);
  const actual = jsonChecksum(value);
  if (actual !== recorded) throw new Error(`${source}: checksum mismatch (recorded ${recorded.slice(0, 12)}…, content hashes to ${actual.slice(0, 12)}…): the file was damaged or edited after loglab wrote it`);
}
