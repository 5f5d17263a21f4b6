import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic-write.js";
import { sha256 } from "../io/file-hash.js";
import { checkSealedJson, sealJson } from "../io/sealed-json.js";

/** Typed arrays a feature file can hold. */
export type FeatureArray = Int32Array | Float32Array | Float64Array | Uint8Array;

type DType = "int32" | "float32" | "float64" | "uint8";

/** The JSON half of a feature file (`<name>.json`); the bytes are in `<name>.bin`. */
export interface FeatureArraysJson {
  format: "loglab.feature-arrays";
  /** 2 (written now) records `binSha256` and its own `sha256`; 1 is read, its sizes checked. */
  version: 1 | 2;
  /** Free-form description (shapes, vocabulary, what the rows are). */
  meta: Record<string, unknown>;
  arrays: { name: string; dtype: DType; byteOffset: number; length: number }[];
  bytes: number;
  /** Version 2: SHA-256 of the .bin file. */
  binSha256?: string;
}

function dtypeOf(a: FeatureArray): DType {
  if (a instanceof Int32Array) return "int32";
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Float64Array) return "float64";
  return "uint8";
}

/**
 * Writes named typed arrays as `<dir>/<name>.bin` (little-endian, each array 8-byte aligned) and
 * `<dir>/<name>.json` (dtypes, offsets, lengths and `meta`), both atomically. Readable from
 * TypeScript with {@link readFeatureArrays} and from NumPy with `np.frombuffer(bin, dtype,
 * count=length, offset=byteOffset)`.
 *
 * @example
 * writeFeatureArrays(dir, "hdfs-tokens", { ids: enc.ids, lengths: enc.lengths }, { rows: enc.count, maxLength: 64 });
 */
export function writeFeatureArrays(dir: string, name: string, arrays: Record<string, FeatureArray>, meta: Record<string, unknown> = {}): { json: string; bin: string; bytes: number } {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`writeFeatureArrays: name "${name}" must be letters, digits, . _ -`);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("writeFeatureArrays: big-endian platforms are not supported");
  const entries: FeatureArraysJson["arrays"] = [];
  let offset = 0;
  for (const [key, a] of Object.entries(arrays)) {
    offset = Math.ceil(offset / 8) * 8;
    entries.push({ name: key, dtype: dtypeOf(a), byteOffset: offset, length: a.length });
    offset += a.byteLength;
  }
  const buf = new Uint8Array(offset);
  Object.values(arrays).forEach((a, i) => buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), entries[i]!.byteOffset));
  const bin = join(dir, `${name}.bin`);
  const json = join(dir, `${name}.json`);
  writeFileAtomic(bin, buf);
  writeJsonAtomic(json, sealJson({ format: "loglab.feature-arrays", version: 2, meta, arrays: entries, bytes: offset, binSha256: sha256(buf) } satisfies FeatureArraysJson));
  return { json, bin, bytes: offset };
}

/** Reads arrays written by {@link writeFeatureArrays}, checked against the checksums recorded then; errors name the file. */
export function readFeatureArrays(dir: string, name: string): { arrays: Record<string, FeatureArray>; meta: Record<string, unknown> } {
  const jsonPath = join(dir, `${name}.json`);
  const binPath = join(dir, `${name}.bin`);
  if (!existsSync(jsonPath) || !existsSync(binPath)) throw new Error(`${join(dir, name)}.{json,bin}: not found`);
  let head: FeatureArraysJson;
  try {
    head = JSON.parse(readFileSync(jsonPath, "utf8")) as FeatureArraysJson;
  } catch (err) {
    throw new Error(`${jsonPath}: not valid JSON (${(err as Error).message})`);
  }
  if (head === null || typeof head !== "object" || head.format !== "loglab.feature-arrays" || (head.version !== 1 && head.version !== 2)) throw new Error(`${jsonPath}: not a loglab feature-arrays file (versions 1 and 2)`);
  if (head.version === 2) checkSealedJson(head, jsonPath);
  if (!Array.isArray(head.arrays)) throw new Error(`${jsonPath}: no list of arrays`);
  const bytes = readFileSync(binPath);
  if (bytes.length !== head.bytes) throw new Error(`${binPath}: ${bytes.length} bytes, ${jsonPath} says ${head.bytes}`);
  if (head.version === 2 && sha256(bytes) !== head.binSha256) throw new Error(`${binPath}: checksum mismatch (${jsonPath} records another SHA-256): it was damaged or replaced after it was written`);
  const size = { int32: 4, float32: 4, float64: 8, uint8: 1 };
  const arrays: Record<string, FeatureArray> = {};
  for (const e of head.arrays) {
    if (!(e.dtype in size) || !Number.isInteger(e.byteOffset) || !Number.isInteger(e.length) || e.byteOffset < 0 || e.length < 0 || e.byteOffset % size[e.dtype] !== 0 || e.byteOffset + e.length * size[e.dtype] > bytes.length) {
      throw new Error(`${jsonPath}: array "${e.name}" does not fit ${binPath}`);
    }
    const copy = bytes.buffer.slice(bytes.byteOffset + e.byteOffset, bytes.byteOffset + e.byteOffset + e.length * { int32: 4, float32: 4, float64: 8, uint8: 1 }[e.dtype]);
    arrays[e.name] = e.dtype === "int32" ? new Int32Array(copy) : e.dtype === "float32" ? new Float32Array(copy) : e.dtype === "float64" ? new Float64Array(copy) : new Uint8Array(copy);
  }
  return { arrays, meta: head.meta };
}
