import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../runtime/rng.js";
import { FIRST_KEY_TOKEN, MASK_TOKEN, UNK_TOKEN, type KeyTokenRow } from "./key-token-rows.js";
import { lengthSortedBatches } from "./length-batches.js";
import { coveringMaskPasses } from "./mlm-masking.js";
import { selectionTensor } from "./select-positions.js";

/** Options of {@link maskedKeyRanks}. */
export interface MaskedKeyRankOptions {
  /** Known keys V (token ids FIRST_KEY_TOKEN … FIRST_KEY_TOKEN + V − 1). */
  keyCount: number;
  /** Share of a row's keys masked per pass (the training ratio). */
  ratio: number;
  /** Seed of the scoring masks: a row's masks depend only on this seed and the row's tokens. */
  seed: number;
  maxBatchTokens: number;
  /** True: rows carry an extra (severity) input. */
  extra: boolean;
}

/**
 * The rank (1 = the model's first choice) of every key of every row among LogBERT's predictions
 * for it when masked (LogBERT §III-C: a key is anomalous when it is not in the top g). Each row is
 * masked in ⌈1 / ratio⌉ passes that together cover every key once ({@link coveringMaskPasses}),
 * with masks seeded by `seed` and the row's own tokens, so the same row always gets the same
 * masks and scores reproduce (and identical rows get identical ranks). A key never seen in
 * training ([UNK]) gets rank V + 1: outside the top g for every g ≤ V. Returns one Int32Array per
 * row, index j = the row's key j (token j + 1).
 */
export function maskedKeyRanks(model: tf.LayersModel, rows: readonly KeyTokenRow[], o: MaskedKeyRankOptions): Int32Array[] {
  const V = o.keyCount;
  const out = rows.map((r) => new Int32Array(Math.max(0, r.tokens.length - 1)));
  // One item per (row, pass): the positions (in tokens) it masks.
  const items: { row: number; positions: number[] }[] = [];
  rows.forEach((r, i) => {
    const n = r.tokens.length - 1;
    if (n <= 0) return;
    const rng = new Rng(o.seed).fork(Array.from(r.tokens).join(","));
    for (const pass of coveringMaskPasses(n, o.ratio, rng)) items.push({ row: i, positions: pass.map((p) => p + 1) });
  });
  const lengths = Int32Array.from(items, (it) => rows[it.row]!.tokens.length);
  const filled = rows.map((r) => new Uint8Array(Math.max(0, r.tokens.length - 1)));
  for (const batch of lengthSortedBatches(lengths, Number.MAX_SAFE_INTEGER, o.maxBatchTokens, null)) {
    const B = batch.length;
    const T = Math.max(...Array.from(batch, (k) => lengths[k]!));
    const tokens = new Float32Array(B * T);
    const extra = o.extra ? new Float32Array(B * T) : null;
    const positions: number[][] = [];
    Array.from(batch).forEach((k, b) => {
      const it = items[k]!;
      const row = rows[it.row]!;
      const input = row.tokens.slice();
      for (const j of it.positions) input[j] = MASK_TOKEN;
      tokens.set(input, b * T);
      if (extra) extra.set(row.extra!, b * T);
      positions.push(it.positions);
    });
    const logits = tf.tidy(() => {
      const x: tf.Tensor[] = [tf.tensor2d(tokens, [B, T])];
      if (extra) x.push(tf.tensor2d(extra, [B, T]));
      x.push(selectionTensor(positions, T));
      const [l] = model.predict(x) as tf.Tensor[];
      return l!;
    });
    const [, P, C] = logits.shape as [number, number, number];
    const data = logits.dataSync();
    logits.dispose();
    Array.from(batch).forEach((k, b) => {
      const it = items[k]!;
      const row = rows[it.row]!;
      it.positions.forEach((j, p) => {
        if (filled[it.row]![j - 1]) return;
        filled[it.row]![j - 1] = 1;
        const t = row.tokens[j]!;
        if (t === UNK_TOKEN || t < FIRST_KEY_TOKEN) {
          out[it.row]![j - 1] = V + 1;
          return;
        }
        const base = (b * P + p) * C;
        const own = data[base + t]!;
        let rank = 1;
        for (let c = FIRST_KEY_TOKEN; c < FIRST_KEY_TOKEN + V; c++) if (data[base + c]! > own) rank++;
        out[it.row]![j - 1] = rank;
      });
    });
  }
  return out;
}

/**
 * How many of a session's keys fall outside the top g (`share`: as a share of its keys; an empty
 * session scores 0, having nothing to check).
 */
export function missesOutsideTopG(ranks: ArrayLike<number>, g: number, rule: "count" | "share"): number {
  let m = 0;
  for (let i = 0; i < ranks.length; i++) if (ranks[i]! > g) m++;
  return rule === "share" ? (ranks.length > 0 ? m / ranks.length : 0) : m;
}
