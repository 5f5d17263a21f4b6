import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../../runtime/rng.js";

/**
 * Batches of sequence indices of similar length, so little of a batch is padding: indices sorted
 * by length (with `rng`, by length plus a random jitter of up to 10%, so batches differ between
 * epochs), cut greedily into batches of at most `batchSize` sequences and at most
 * `maxBatchTokens` padded positions (longest × count; bounds a step's memory, and wasm memory
 * never shrinks), then shuffled. Without `rng` the order is fixed (scoring).
 */
export function lengthSortedBatches(lengths: ArrayLike<number>, batchSize: number, maxBatchTokens: number, rng: Rng | null): Int32Array[] {
  const n = lengths.length;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = lengths[i]! + (rng ? rng.next() * Math.max(1, 0.1 * lengths[i]!) : 0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a]! - key[b]! || a - b);
  const out: Int32Array[] = [];
  let cur: number[] = [];
  let longest = 0;
  for (const i of order) {
    const L = Math.max(1, lengths[i]!);
    const longer = Math.max(longest, L);
    if (cur.length > 0 && (cur.length + 1 > batchSize || longer * (cur.length + 1) > maxBatchTokens)) {
      out.push(Int32Array.from(cur));
      cur = [];
      longest = 0;
    }
    cur.push(i);
    longest = Math.max(longest, L);
  }
  if (cur.length) out.push(Int32Array.from(cur));
  return rng ? rng.shuffle(out) : out;
}

/** Integer rows as one right-padded [B, T] float32 tensor (0 = [PAD]); T = the longest row, or `length`. */
export function paddedRows(rows: readonly ArrayLike<number>[], length?: number): tf.Tensor2D {
  const T = length ?? Math.max(1, ...rows.map((r) => r.length));
  const x = new Float32Array(rows.length * T);
  rows.forEach((r, b) => {
    if (r.length > T) throw new Error(`paddedRows: a row of ${r.length} does not fit in ${T}`);
    for (let j = 0; j < r.length; j++) x[b * T + j] = r[j]!;
  });
  return tf.tensor2d(x, [rows.length, T]);
}
