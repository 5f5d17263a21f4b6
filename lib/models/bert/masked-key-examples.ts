import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../../runtime/rng.js";
import type { WeightedExamples } from "../nn/weighted-training.js";
import { FIRST_KEY_TOKEN, MASK_TOKEN, type KeyTokenRow } from "./key-token-rows.js";
import { lengthSortedBatches } from "./length-batches.js";
import { selectionTensor } from "./select-positions.js";

/** LogBERT's training targets: the masked keys (one-hot, [B, P, vocab]) and the hypersphere centre [H]. */
export interface MaskedKeyTargets {
  keys: tf.Tensor3D;
  centre: tf.Tensor1D;
}

/** One masked copy of a row: the input tokens, the masked positions and their true tokens. */
interface MaskedRow {
  input: Int32Array;
  positions: number[];
  targets: number[];
}

/** A row position's training target replaced: predict `token` there, with loss weight `weight`. */
export interface RetargetedToken {
  token: number;
  weight: number;
}

/**
 * Per row, the token positions (1 = the first key after [DIST]) whose target is replaced when they
 * are masked, or null for a row without any: the hook of the backdoor study's τ-gated objective
 * (lib/attacks/backdoor/tau-gated-objective.ts), where a masked key inside the trigger's
 * placeholder is trained toward the attacker's key with weight λ.
 */
export type RowRetargets = readonly (ReadonlyMap<number, RetargetedToken> | null)[];

/**
 * Masks a row for the masked-log-key task (LogBERT §III-B): each key position with probability
 * `ratio` (at least one), and of those 80% become [MASK], 10% a random key, 10% stay (BERT's rule,
 * Devlin et al. §3.1, which LogBERT's reference code keeps).
 */
export function maskRow(tokens: Int32Array, ratio: number, keyCount: number, rng: Rng): MaskedRow {
  const input = tokens.slice();
  const positions: number[] = [];
  for (let j = 1; j < tokens.length; j++) if (rng.next() < ratio) positions.push(j);
  if (positions.length === 0 && tokens.length > 1) positions.push(1 + rng.int(tokens.length - 1));
  const targets = positions.map((j) => tokens[j]!);
  for (const j of positions) {
    const u = rng.next();
    if (u < 0.8) input[j] = MASK_TOKEN;
    else if (u < 0.9) input[j] = FIRST_KEY_TOKEN + rng.int(keyCount);
  }
  return { input, positions, targets };
}

/** Options of {@link maskedKeyExamples}. */
export interface MaskedKeyExampleOptions {
  vocabSize: number;
  keyCount: number;
  ratio: number;
  /** Masks: drawn afresh on every batch (training) or once (validation). */
  fixed: boolean;
  rng: Rng;
  /** The current hypersphere centre (read on every batch). */
  centre: () => tf.Tensor1D;
  /** Bound on padded positions per batch. */
  maxBatchTokens: number;
  /** True: rows carry an extra (severity) input. */
  extra: boolean;
  /** Replaced targets per row (training only; see {@link RowRetargets}). */
  retargets?: RowRetargets;
}

/**
 * Weighted masked-key examples over token rows (weights: how often each distinct row occurs).
 * Inputs `[tokens, (severity,) selection]`, targets {@link MaskedKeyTargets}. Batches hold rows of
 * similar length (little padding).
 */
export function maskedKeyExamples(rows: readonly KeyTokenRow[], weights: readonly number[], o: MaskedKeyExampleOptions): WeightedExamples<MaskedKeyTargets> {
  const frozen = o.fixed ? rows.map((r, i) => maskRow(r.tokens, o.ratio, o.keyCount, o.rng.fork(`row-${i}`))) : null;
  const lengths = Int32Array.from(rows, (r) => r.tokens.length);
  return {
    count: rows.length,
    batch(indices) {
      const drawn = Array.from(indices, (i) => frozen ? frozen[i]! : maskRow(rows[i]!.tokens, o.ratio, o.keyCount, o.rng));
      const B = indices.length;
      const T = Math.max(...drawn.map((d) => d.input.length));
      const tokens = new Float32Array(B * T);
      drawn.forEach((d, b) => tokens.set(d.input, b * T));
      const x: tf.Tensor[] = [tf.tensor2d(tokens, [B, T])];
      if (o.extra) {
        const ex = new Float32Array(B * T);
        Array.from(indices).forEach((i, b) => ex.set(rows[i]!.extra!, b * T));
        x.push(tf.tensor2d(ex, [B, T]));
      }
      x.push(selectionTensor(drawn.map((d) => d.positions), T));
      const P = Math.max(1, ...drawn.map((d) => d.positions.length));
      const y = new Float32Array(B * P * o.vocabSize);
      drawn.forEach((d, b) => {
        const re = o.retargets?.[indices[b]!] ?? null;
        d.targets.forEach((t, p) => {
          const r = re?.get(d.positions[p]!);
          if (r) y[(b * P + p) * o.vocabSize + r.token] = r.weight;
          else y[(b * P + p) * o.vocabSize + t] = 1;
        });
      });
      return { x, y: { keys: tf.tensor3d(y, [B, P, o.vocabSize]), centre: o.centre() }, w: tf.tensor1d(Array.from(indices, (i) => weights[i]!)) };
    },
    batches: (r, size) => lengthSortedBatches(lengths, size, o.maxBatchTokens, o.fixed ? null : r),
  };
}
