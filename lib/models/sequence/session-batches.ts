import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../runtime/rng.js";
import type { WeightedExamples } from "../nn/weighted-training.js";
import { SequenceVocabulary } from "./sequence-vocabulary.js";

/** Which end of a sequence gets the padding: RNNs read left-padded input (their last state sees the real keys last); attention models mask padding and take it on the right. */
export type PadSide = "left" | "right";

/** Distinct labelled sessions with counts: what session models train and score on. */
export interface DistinctSessions {
  /** Input indices of each distinct session (after truncation to maxLength). */
  inputs: Int32Array[];
  /** Label of each distinct item (0/1; 0 when unlabelled). */
  labels: Uint8Array;
  /** How many sessions each distinct item stands for. */
  counts: Float32Array;
  /** For every input session, its distinct item. */
  itemOf: Int32Array;
}

/**
 * Groups sessions into distinct (sequence, label) items with counts, mapping keys to input
 * indices and keeping the last `maxLength` keys of longer sessions. HDFS's 4,855 training
 * sessions are 839 distinct sequences: a model that trains and predicts per distinct item does
 * a sixth of the work for the same weighted loss.
 */
export function distinctSessionItems(
  sequences: readonly (readonly number[])[],
  labels: ArrayLike<number> | undefined,
  vocab: SequenceVocabulary,
  maxLength: number,
): DistinctSessions {
  const ids = new Map<string, number>();
  const inputs: Int32Array[] = [];
  const itemLabels: number[] = [];
  const counts: number[] = [];
  const itemOf = new Int32Array(sequences.length);
  sequences.forEach((s, i) => {
    const y = labels ? labels[i]! : 0;
    const kept = s.length > maxLength ? s.slice(s.length - maxLength) : s;
    const key = `${y}|${kept.join(" ")}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = inputs.length;
      ids.set(key, id);
      const row = new Int32Array(Math.max(1, kept.length)); // an empty session becomes one padding step
      kept.forEach((k, j) => (row[j] = vocab.inputIndex(k)));
      inputs.push(row);
      itemLabels.push(y);
      counts.push(0);
    }
    counts[id]!++;
    itemOf[i] = id;
  });
  return { inputs, labels: Uint8Array.from(itemLabels), counts: Float32Array.from(counts), itemOf };
}

/** Key indices of several items as one padded [B, T] float32 tensor (T = the longest item). */
export function paddedKeys(items: readonly Int32Array[], side: PadSide): tf.Tensor2D {
  const T = Math.max(1, ...items.map((r) => r.length));
  const x = new Float32Array(items.length * T); // 0 = padding
  items.forEach((row, b) => {
    const offset = b * T + (side === "left" ? T - row.length : 0);
    for (let j = 0; j < row.length; j++) x[offset + j] = row[j]!;
  });
  return tf.tensor2d(x, [items.length, T]);
}

/**
 * Batches of item indices of one exact length each: items grouped by length, shuffled within
 * their group, cut into pieces of at most `batchSize`, and the pieces shuffled. No batch holds
 * padding, so recurrent layers never run over padding steps (a left-padded LSTM state after 40
 * padding steps is a state it never saw in training) and training, validation and scoring see
 * exactly the same computation per session. A batch also holds at most `maxBatchKeys` keys.
 */
export function lengthBatches(items: readonly Int32Array[], batchSize: number, rng: Rng, maxBatchKeys = Infinity): Int32Array[] {
  const groups = new Map<number, number[]>();
  items.forEach((row, i) => {
    const g = groups.get(row.length);
    if (g) g.push(i);
    else groups.set(row.length, [i]);
  });
  const batches: Int32Array[] = [];
  for (const len of [...groups.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(groups.get(len)!);
    // Long sessions go in smaller batches: at most `maxBatchKeys` keys per batch bounds the
    // memory a step holds (wasm memory never shrinks once grown).
    const size = Math.max(1, Math.min(batchSize, Math.floor(maxBatchKeys / Math.max(1, len))));
    for (let i = 0; i < members.length; i += size) batches.push(Int32Array.from(members.slice(i, i + size)));
  }
  return rng.shuffle(batches);
}

/** Balanced class weights N / (2·N_c) over sessions (with repetition); 1 for a class with no sessions. */
export function sessionClassWeights(d: DistinctSessions): [number, number] {
  let n0 = 0;
  let n1 = 0;
  d.labels.forEach((y, i) => (y ? (n1 += d.counts[i]!) : (n0 += d.counts[i]!)));
  const n = n0 + n1;
  return [n0 > 0 ? n / (2 * n0) : 1, n1 > 0 ? n / (2 * n1) : 1];
}

/**
 * Weighted examples for a binary session classifier: weight = count × class weight; targets are
 * the labels as [B, 1] float32.
 */
export function classifierExamples(d: DistinctSessions, classWeights: [number, number], side: PadSide, maxBatchKeys = Infinity): WeightedExamples {
  return {
    count: d.inputs.length,
    batch(indices: Int32Array) {
      const rows = Array.from(indices, (i) => d.inputs[i]!);
      const y = new Float32Array(indices.length);
      const w = new Float32Array(indices.length);
      indices.forEach((i, b) => {
        y[b] = d.labels[i]!;
        w[b] = d.counts[i]! * classWeights[d.labels[i]!]!;
      });
      return { x: paddedKeys(rows, side), y: tf.tensor2d(y, [indices.length, 1]), w: tf.tensor1d(w) };
    },
    batches(rng: Rng, batchSize: number) {
      return lengthBatches(d.inputs, batchSize, rng, maxBatchKeys);
    },
  };
}

/**
 * Scores sessions through their distinct items: `scoreBatch` scores a batch of item indices
 * (one score per index, in order), each distinct item once, in exact-length batches taken in a
 * fixed order (at most `batchSize` items and `maxBatchKeys` keys each); every session gets its
 * item's score.
 */
export function scoreDistinctSessions(
  items: DistinctSessions,
  batchSize: number,
  maxBatchKeys: number,
  scoreBatch: (indices: Int32Array) => ArrayLike<number>,
): Float64Array {
  const itemScores = new Float64Array(items.inputs.length);
  for (const idx of lengthBatches(items.inputs, batchSize, new Rng(0), maxBatchKeys)) {
    const s = scoreBatch(idx);
    idx.forEach((i, j) => (itemScores[i] = s[j]!));
  }
  return Float64Array.from(items.itemOf, (i) => itemScores[i]!);
}
