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

/**
 * Domain-adversarial batches (Ganin et al., JMLR 2016, §5.2.2: every step sees labelled source
 * rows and unlabelled target rows side by side): the source rows cut as by
 * {@link lengthSortedBatches}, each joined with a batch of target rows of similar length.
 * Source and target batches are ranked by mean length and source batch k takes a target batch
 * drawn from the same length quantile, so an epoch has one step per source batch (as many as the
 * same model without adaptation) and padding stays low. Returned indices address
 * [...source, ...target]: target row j is `sourceLengths.length + j`.
 */
export function pairedDomainBatches(sourceLengths: ArrayLike<number>, targetLengths: ArrayLike<number>, batchSize: number, maxBatchTokens: number, rng: Rng | null): Int32Array[] {
  const nS = sourceLengths.length;
  const meanLength = (lengths: ArrayLike<number>) => (b: Int32Array) => b.reduce((s, i) => s + lengths[i]!, 0) / b.length;
  const byLength = (batches: Int32Array[], lengths: ArrayLike<number>): Int32Array[] => {
    const m = meanLength(lengths);
    return batches.map((b) => ({ b, m: m(b) })).sort((x, y) => x.m - y.m).map((x) => x.b);
  };
  const src = byLength(lengthSortedBatches(sourceLengths, batchSize, maxBatchTokens, rng), sourceLengths);
  if (targetLengths.length === 0) return rng ? rng.shuffle(src) : src;
  const tgt = byLength(lengthSortedBatches(targetLengths, batchSize, maxBatchTokens, rng), targetLengths);
  const out = src.map((s, k) => {
    const lo = Math.floor((k * tgt.length) / src.length);
    const hi = Math.max(lo + 1, Math.floor(((k + 1) * tgt.length) / src.length));
    const t = tgt[Math.min(tgt.length - 1, rng ? lo + Math.floor(rng.next() * (hi - lo)) : lo)]!;
    const joined = new Int32Array(s.length + t.length);
    joined.set(s);
    t.forEach((j, i) => (joined[s.length + i] = nS + j));
    return joined;
  });
  return rng ? rng.shuffle(out) : out;
}
