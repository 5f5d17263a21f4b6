import * as tf from "@tensorflow/tfjs";
import type { NextKeyIndex } from "../../features/next-key-windows.js";
import type { WeightedExamples } from "../nn/weighted-training.js";
import { SequenceVocabulary } from "./sequence-vocabulary.js";

/** Distinct (window, next key) training pairs as model inputs, with their counts as weights. */
export interface NextKeyExamples extends WeightedExamples {
  /** Window key indices, row-major [count, window]. */
  inputs: Int32Array;
  /** Output index of each pair's next key. */
  targets: Int32Array;
  weights: Float32Array;
  /** Pairs left out because a key (in the window or next) is unknown to the vocabulary or is padding as next key. */
  skipped: number;
}

/** Maps a raw window to input indices (pad → 0, unknown → V + 1). */
export function windowInputIndices(keys: ArrayLike<number>, vocab: SequenceVocabulary, padKey: number, out: Int32Array, offset: number): boolean {
  let known = true;
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j]!;
    if (k === padKey) out[offset + j] = SequenceVocabulary.PAD;
    else {
      const i = vocab.inputIndex(k);
      if (i === vocab.unknownIndex) known = false;
      out[offset + j] = i;
    }
  }
  return known;
}

/**
 * Distinct (window, next key) pairs with a weight each: what {@link nextKeyExamples} reads from a
 * {@link NextKeyIndex} (weights = counts), or a set built by a training objective that re-targets
 * or re-weights positions (lib/attacks/backdoor's τ-gated objective; weights may be fractional).
 */
export type WeightedNextKeyPairs = Pick<NextKeyIndex, "window" | "padKey" | "windows" | "pairWindow" | "pairNext"> & { pairCount: ArrayLike<number> };

/**
 * The weighted examples of a next-key index: one per distinct pair whose window keys are known
 * (or padding) and whose next key is a known key, weighted by the pair's count.
 */
export function nextKeyExamples(index: WeightedNextKeyPairs, vocab: SequenceVocabulary): NextKeyExamples {
  const W = index.window;
  const n = index.pairNext.length;
  const inputs = new Int32Array(n * W);
  const targets = new Int32Array(n);
  const weights = new Float32Array(n);
  const row = new Int32Array(W);
  let count = 0;
  let skipped = 0;
  for (let p = 0; p < n; p++) {
    const w = index.pairWindow[p]!;
    const known = windowInputIndices(index.windows.subarray(w * W, (w + 1) * W), vocab, index.padKey, row, 0);
    const target = vocab.outputIndex(index.pairNext[p]!);
    if (!known || target < 0) {
      skipped++;
      continue;
    }
    inputs.set(row, count * W);
    targets[count] = target;
    weights[count] = index.pairCount[p]!;
    if (weights[count]! <= 0) {
      skipped++;
      continue;
    }
    count++;
  }
  const V = vocab.size;
  return {
    count,
    inputs: inputs.slice(0, count * W),
    targets: targets.slice(0, count),
    weights: weights.slice(0, count),
    skipped,
    batch(indices: Int32Array) {
      const x = new Float32Array(indices.length * W);
      const y = new Float32Array(indices.length * V); // one-hot targets (tf.oneHot needs depth ≥ 2)
      const wts = new Float32Array(indices.length);
      for (let i = 0; i < indices.length; i++) {
        const e = indices[i]!;
        for (let j = 0; j < W; j++) x[i * W + j] = this.inputs[e * W + j]!;
        y[i * V + this.targets[e]!] = 1;
        wts[i] = this.weights[e]!;
      }
      return { x: tf.tensor2d(x, [indices.length, W]), y: tf.tensor2d(y, [indices.length, V]), w: tf.tensor1d(wts) };
    },
  };
}
