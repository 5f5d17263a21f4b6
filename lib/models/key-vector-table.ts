/**
 * {@link KeyVectors} as plain typed arrays: the form that crosses to an experiment worker (a child
 * process receives structured-cloned data, not the closure behind `vector`). Only the keys a split
 * holds are kept, so the table is as large as the vocabulary a model can see.
 */
import type { KeyVectors } from "./detector.js";

/** The vectors of some keys: key `keys[i]` has `values[i * dim … (i + 1) * dim)`. */
export interface KeyVectorTable {
  dim: number;
  freeze: boolean;
  source: string;
  keys: Int32Array;
  values: Float32Array;
}

/** The vectors `kv` gives for `keys` (keys without a vector are left out; each key once). */
export function keyVectorTable(kv: KeyVectors, keys: Iterable<number>): KeyVectorTable {
  const kept: number[] = [];
  const rows: ArrayLike<number>[] = [];
  const seen = new Set<number>();
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const v = kv.vector(key);
    if (!v) continue;
    if (v.length !== kv.dim) throw new Error(`key vectors (${kv.source}): key ${key} has ${v.length} values, expected ${kv.dim}`);
    kept.push(key);
    rows.push(v);
  }
  const values = new Float32Array(kept.length * kv.dim);
  rows.forEach((v, i) => values.set(v, i * kv.dim));
  return { dim: kv.dim, freeze: kv.freeze, source: kv.source, keys: Int32Array.from(kept), values };
}

/** The {@link KeyVectors} a table holds (the same vectors, as float32). */
export function keyVectorsFromTable(t: KeyVectorTable): KeyVectors {
  const row = new Map<number, number>();
  t.keys.forEach((key, i) => row.set(key, i));
  return {
    dim: t.dim,
    freeze: t.freeze,
    source: t.source,
    vector: (key) => {
      const i = row.get(key);
      return i === undefined ? null : t.values.subarray(i * t.dim, (i + 1) * t.dim);
    },
  };
}

/** Every key of some session sets, each once (the keys a model fitted on a split can meet). */
export function keysOfSessions(...sets: readonly { sequences: readonly (readonly number[])[] }[]): Set<number> {
  const keys = new Set<number>();
  for (const s of sets) for (const seq of s.sequences) for (const k of seq) keys.add(k);
  return keys;
}
