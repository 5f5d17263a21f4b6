import * as tf from "@tensorflow/tfjs";
import type { NextKeyIndex } from "../../features/next-key-windows.js";
import { windowInputIndices } from "./next-key-data.js";
import type { SequenceVocabulary } from "./sequence-vocabulary.js";

/** The rank of every distinct pair's next key among a next-key model's predictions. */
export interface NextKeyRanking {
  /** 1-based rank of the true next key per distinct pair; V + 1 when it cannot be ranked (unknown key, padding). */
  pairRank: Int32Array;
  /** Row of each distinct window in `logits` (−1: not predicted). */
  windowRow: Int32Array;
  /** Logits of the predicted windows, row-major [windowsPredicted, V]. */
  logits: Float32Array;
  /** Distinct windows sent through the model (each once). */
  windowsPredicted: number;
  /** Seconds spent in the model. */
  modelSeconds: number;
}

/**
 * Predicts each distinct window of `index` once (in batches of `batchSize`) and ranks every
 * distinct pair's next key: rank = 1 + the number of keys with a strictly higher logit. Windows
 * holding a key unknown to the vocabulary are not predicted; their pairs, and pairs whose next
 * key is unknown or padding, get rank V + 1 ("outside every top-g": DeepLog counts keys never
 * seen in training as anomalies).
 */
export function rankNextKeys(model: tf.LayersModel, index: NextKeyIndex, vocab: SequenceVocabulary, batchSize: number): NextKeyRanking {
  const W = index.window;
  const V = vocab.size;
  const nW = index.windowCount;
  // Which windows are needed (some pair with a known next key) and predictable (all keys known).
  const needed = new Uint8Array(nW);
  for (let p = 0; p < index.pairNext.length; p++) if (vocab.outputIndex(index.pairNext[p]!) >= 0) needed[index.pairWindow[p]!] = 1;
  const rowOf = new Int32Array(nW).fill(-1);
  const inputs: number[] = [];
  const row = new Int32Array(W);
  let rows = 0;
  for (let w = 0; w < nW; w++) {
    if (!needed[w]) continue;
    if (!windowInputIndices(index.windows.subarray(w * W, (w + 1) * W), vocab, index.padKey, row, 0)) continue;
    for (let j = 0; j < W; j++) inputs.push(row[j]!);
    rowOf[w] = rows++;
  }
  const logits = new Float32Array(rows * V);
  const t0 = performance.now();
  for (let start = 0; start < rows; start += batchSize) {
    const n = Math.min(batchSize, rows - start);
    const out = tf.tidy(() => {
      const x = tf.tensor2d(inputs.slice(start * W, (start + n) * W), [n, W]);
      return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    });
    logits.set(out, start * V);
  }
  const modelSeconds = (performance.now() - t0) / 1000;
  const pairRank = new Int32Array(index.pairNext.length);
  for (let p = 0; p < pairRank.length; p++) {
    const r = rowOf[index.pairWindow[p]!]!;
    const target = vocab.outputIndex(index.pairNext[p]!);
    if (r < 0 || target < 0) {
      pairRank[p] = V + 1;
      continue;
    }
    const base = r * V;
    const v = logits[base + target]!;
    let rank = 1;
    for (let c = 0; c < V; c++) if (logits[base + c]! > v) rank++;
    pairRank[p] = rank;
  }
  return { pairRank, windowRow: rowOf, logits, windowsPredicted: rows, modelSeconds };
}

/**
 * For each predicted window, the probability mass of its top g predictions for g = 1 … maxG
 * (softmax of the logits, sorted): row-major [windowsPredicted, maxG + 1], column 0 is 0.
 */
export function topMass(ranking: NextKeyRanking, classes: number, maxG: number): Float64Array {
  const rows = ranking.windowsPredicted;
  const out = new Float64Array(rows * (maxG + 1));
  const p = new Float64Array(classes);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, ranking.logits[r * classes + c]!);
    let z = 0;
    for (let c = 0; c < classes; c++) {
      p[c] = Math.exp(ranking.logits[r * classes + c]! - m);
      z += p[c]!;
    }
    const sorted = Array.from(p, (v) => v / z).sort((a, b) => b - a);
    let cum = 0;
    for (let g = 1; g <= maxG; g++) {
      cum += sorted[g - 1] ?? 0;
      out[r * (maxG + 1) + g] = Math.min(1, cum);
    }
  }
  return out;
}

/**
 * Session scores from pair ranks: the maximum rank over the session's pairs, V + 1 for a session
 * holding a key unknown to the vocabulary, and `emptyScore` for a session without pairs.
 */
export function sessionMaxRanks(
  index: NextKeyIndex,
  pairRank: Int32Array,
  sequences: readonly (readonly number[])[],
  vocab: SequenceVocabulary,
  emptyScore: number,
): Float64Array {
  const V = vocab.size;
  const out = new Float64Array(index.sessions);
  for (let s = 0; s < index.sessions; s++) {
    if (!vocab.knowsAll(sequences[s]!)) {
      out[s] = V + 1;
      continue;
    }
    const a = index.sessionOffsets[s]!;
    const b = index.sessionOffsets[s + 1]!;
    if (a === b) {
      out[s] = emptyScore;
      continue;
    }
    let m = 0;
    for (let i = a; i < b; i++) m = Math.max(m, pairRank[index.sessionPairs[i]!]!);
    out[s] = m;
  }
  return out;
}

/**
 * Session scores under the miss-share rule: the share of a session's windows (position by
 * position, with repetition) whose true next key ranks outside the top `g`; pairs that cannot be
 * ranked (unknown key, padding) count as misses. Needs an index built with `positions: true`.
 * A session without pairs scores 1.
 */
export function sessionMissShares(index: NextKeyIndex, pairRank: Int32Array, g: number): Float64Array {
  return sessionMisses(index, pairRank, g, true);
}

/**
 * Per session, the number of its windows whose true next key falls outside the top `g` (the
 * `miss-count` rule: DeepLog's any-miss rule is "count > 0"; a threshold r > 0 lets long sessions
 * keep a few odd windows). A session without any window counts 1.
 */
export function sessionMissCounts(index: NextKeyIndex, pairRank: Int32Array, g: number): Float64Array {
  return sessionMisses(index, pairRank, g, false);
}

function sessionMisses(index: NextKeyIndex, pairRank: Int32Array, g: number, share: boolean): Float64Array {
  const offsets = index.positionOffsets;
  const pairs = index.positionPairs;
  if (!offsets || !pairs) throw new Error("sessionMissShares: the index needs positions (indexNextKeyWindows with positions: true)");
  const out = new Float64Array(index.sessions);
  for (let s = 0; s < index.sessions; s++) {
    const a = offsets[s]!;
    const b = offsets[s + 1]!;
    if (a === b) {
      out[s] = 1;
      continue;
    }
    let miss = 0;
    for (let i = a; i < b; i++) if (pairRank[pairs[i]!]! > g) miss++;
    out[s] = share ? miss / (b - a) : miss;
  }
  return out;
}
