import * as tf from "@tensorflow/tfjs";
import type { EpochRecord } from "../detector.js";
import { saveNamedTensors } from "../../runtime/model-io.js";
import { progress } from "../../runtime/progress.js";
import { Rng } from "../../runtime/rng.js";

/**
 * Examples with weights, handed to the training loop as index batches. The model's own data
 * code turns a batch of indices into tensors; the loop only shuffles, steps and disposes.
 */
export interface WeightedExamples<Y = tf.Tensor> {
  /** Number of examples. */
  count: number;
  /**
   * Tensors of the examples `indices`: model input(s), target(s), and one weight per example.
   * `Y` is a tensor for most models; models with several outputs (LogBERT: masked-key logits
   * and the [DIST] vector) use their own target type, which their loss reads.
   */
  batch(indices: Int32Array): { x: tf.Tensor | tf.Tensor[]; y: Y; w: tf.Tensor1D };
  /**
   * The batches of one epoch (default: a random permutation cut into `batchSize` pieces).
   * Sequence classifiers override it to batch sessions of similar length together.
   */
  batches?(rng: Rng, batchSize: number): Int32Array[];
}

/**
 * Learning-rate schedules: constant; `plateau` multiplies the rate by `factor` when the
 * validation loss has not improved for `patience` epochs; `step` multiplies it by `factor` every
 * `everyEpochs`; `cosine` anneals from the initial rate to `minLearningRate` over `epochs`.
 */
export type LearningRateSchedule =
  | { kind: "constant" }
  | { kind: "plateau"; factor: number; patience: number; minLearningRate: number }
  | { kind: "step"; everyEpochs: number; factor: number }
  | { kind: "cosine"; minLearningRate: number };

/** Options of {@link trainWeighted}. */
export interface WeightedTrainingOptions {
  /** Maximum number of epochs. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  schedule: LearningRateSchedule;
  /** Stop when the validation loss has not improved by `minDelta` for `patience` epochs (needs validation). */
  earlyStopping: { patience: number; minDelta: number } | null;
  /** Restore the weights of the best validation epoch at the end (default true; needs validation). */
  restoreBest?: boolean;
  /**
   * What "best validation epoch" means for early stopping and `restoreBest`: by default the
   * validation loss; with this, the value it returns after each epoch (lower is better, e.g.
   * −macro F1 when the metric reported is not the loss). The loss is still recorded.
   */
  validationCriterion?: () => number;
  /** Also save the best weights so far as `checkpoint.{json,bin}` in this folder on every improvement. */
  checkpointDir?: string | null;
  /** Stop after this many seconds of training (0 = no limit). */
  maxSeconds?: number;
  /** Clip each step's gradients to this global norm (0 = no clipping). */
  clipNorm?: number;
  /**
   * Linear learning-rate warm-up over the first this many optimizer steps (0 = none): step s
   * uses rate × min(1, s / warmupSteps), as BERT trains (Devlin et al. 2019, §A.2).
   */
  warmupSteps?: number;
  /** Called before every epoch (after the previous one's validation), e.g. to refresh a loss's constants. */
  beforeEpoch?: (epoch: number) => void;
  /**
   * How a batch's weighted loss is normalised: `batch` divides by the batch's weight sum (a
   * weighted mean per batch); `dataset` divides by the batch size times the mean weight of all
   * training examples, so batch gradients are unbiased pieces of the whole weighted mean.
   * Default `batch`.
   */
  normalization?: "batch" | "dataset";
  /** Shuffles the batches. */
  rng: Rng;
  /** Shown with the progress bar. */
  label?: string;
  /** Called after every epoch. */
  onEpoch?: (record: EpochRecord) => void;
}

/** What {@link trainWeighted} did. */
export interface WeightedTrainingResult {
  history: EpochRecord[];
  stoppedBecause: string;
  /**
   * 1-based epoch with the lowest validation loss (the last epoch without validation). The
   * model holds this epoch's weights at the end when `restoreBest` is on, else the last epoch's.
   */
  bestEpoch: number;
  /** The best validation loss (the criterion's best value when `validationCriterion` is given). */
  bestValLoss: number | null;
  seconds: number;
  /** Examples processed per second of training (excluding validation passes). */
  examplesPerSecond: number;
}

/**
 * Per-example loss: returns one loss per example. `P` is what the model's `apply` returns
 * (a tensor, or an array of tensors for a model with several outputs).
 */
export type PerExampleLoss<Y = tf.Tensor, P = tf.Tensor> = (yTrue: Y, yPred: P) => tf.Tensor1D;

/** Softmax cross-entropy from logits [N, C] and one-hot targets [N, C], per example. */
export function softmaxCrossEntropyPerExample(yTrue: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const m = tf.max(logits, 1, true);
    const shifted = tf.sub(logits, m);
    const lse = tf.log(tf.sum(tf.exp(shifted), 1));
    return tf.sub(lse, tf.sum(tf.mul(yTrue, shifted), 1)) as tf.Tensor1D;
  });
}

/** Binary cross-entropy from logits [N, 1] or [N] and 0/1 targets of the same size, per example. */
export function sigmoidCrossEntropyPerExample(yTrue: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const z = tf.reshape(logits, [-1]);
    const y = tf.reshape(yTrue, [-1]);
    // max(z, 0) − z·y + log(1 + exp(−|z|)), the numerically stable form.
    return tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))) as tf.Tensor1D;
  });
}

/** Mean squared error over all non-batch axes, per example. */
export function meanSquaredErrorPerExample(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const n = yPred.shape[0]!;
    return tf.mean(tf.reshape(tf.squaredDifference(yTrue, yPred), [n, -1]), 1) as tf.Tensor1D;
  });
}

function defaultBatches(count: number, batchSize: number, rng: Rng | null): Int32Array[] {
  const order = rng ? rng.permutation(count) : Int32Array.from({ length: count }, (_, i) => i);
  const out: Int32Array[] = [];
  for (let i = 0; i < count; i += batchSize) out.push(order.slice(i, Math.min(count, i + batchSize)));
  return out;
}

/** Weighted mean loss of a model over all examples (no gradients), in batches of `batchSize`. */
export function weightedLoss<Y = tf.Tensor, P = tf.Tensor>(model: tf.LayersModel, examples: WeightedExamples<Y>, loss: PerExampleLoss<Y, P>, batchSize: number): number {
  let num = 0;
  let den = 0;
  // Use the examples' own batching when they have one (sequence models batch by length).
  const batches = examples.batches ? examples.batches(new Rng(0), batchSize) : defaultBatches(examples.count, batchSize, null);
  for (const idx of batches) {
    const [s, w] = tf.tidy(() => {
      const b = examples.batch(idx);
      const pred = model.apply(b.x, { training: false }) as unknown as P;
      const l = loss(b.y, pred);
      return [tf.sum(tf.mul(l, b.w)).dataSync()[0]!, tf.sum(b.w).dataSync()[0]!];
    });
    num += s;
    den += w;
  }
  return den > 0 ? num / den : NaN;
}

function learningRateAt(options: WeightedTrainingOptions, epoch: number, current: number): number {
  const s = options.schedule;
  if (s.kind === "step") return options.learningRate * Math.pow(s.factor, Math.floor((epoch - 1) / s.everyEpochs));
  if (s.kind === "cosine") {
    const progressShare = options.epochs > 1 ? (epoch - 1) / (options.epochs - 1) : 0;
    return s.minLearningRate + 0.5 * (options.learningRate - s.minLearningRate) * (1 + Math.cos(Math.PI * progressShare));
  }
  return current; // constant, or plateau (changed after validation)
}

/**
 * Trains `model` on weighted examples with Adam and a custom loop (`model.fit` has no sample
 * weights in TF.js): each step minimises Σ wᵢ·lossᵢ / Σ wᵢ over its batch. Validation loss (the
 * same weighted mean over `validation`) drives early stopping, the plateau schedule and the
 * choice of the weights kept. Every tensor a step creates is freed; the optimizer is disposed at
 * the end.
 */
export async function trainWeighted<Y = tf.Tensor, P = tf.Tensor>(
  model: tf.LayersModel,
  train: WeightedExamples<Y>,
  validation: WeightedExamples<Y> | null,
  loss: PerExampleLoss<Y, P>,
  options: WeightedTrainingOptions,
): Promise<WeightedTrainingResult> {
  if (train.count === 0) throw new Error("trainWeighted: no training examples");
  const optimizer = tf.train.adam(options.learningRate);
  const setRate = (lr: number): void => {
    // AdamOptimizer reads its public-by-convention `learningRate` field on every step.
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
  };
  const history: EpochRecord[] = [];
  const restoreBest = (options.restoreBest ?? true) && validation !== null && validation.count > 0;
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | null = null;
  let sinceImproved = 0;
  let plateauWait = 0;
  let lr = options.learningRate;
  let stoppedBecause = `ran all ${options.epochs} epochs`;
  const start = performance.now();
  let trainSeconds = 0;
  let examplesSeen = 0;
  const bar = progress({ label: options.label ?? "train", total: options.epochs, unit: "epochs" });
  // LayerVariable.read() returns the underlying tf.Variable (what the optimizer updates).
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let meanWeight = 1;
  if (options.normalization === "dataset") {
    const all = new Int32Array(train.count);
    for (let i = 0; i < all.length; i++) all[i] = i;
    meanWeight = tf.tidy(() => tf.mean(train.batch(all).w).dataSync()[0]!);
  }
  const warmup = Math.max(0, options.warmupSteps ?? 0);
  let step = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      options.beforeEpoch?.(epoch);
      lr = learningRateAt(options, epoch, lr);
      setRate(lr);
      const t0 = performance.now();
      const batches = train.batches ? train.batches(options.rng, options.batchSize) : defaultBatches(train.count, options.batchSize, options.rng);
      let num = 0;
      let den = 0;
      for (const idx of batches) {
        step++;
        if (warmup > 0 && step <= warmup + 1) setRate(lr * Math.min(1, step / warmup));
        const [s, w] = tf.tidy(() => {
          const b = train.batch(idx);
          const wsum = tf.sum(b.w);
          const denom = options.normalization === "dataset" ? tf.scalar(meanWeight * idx.length) : wsum;
          let lossValue: tf.Scalar | null = null;
          const { value, grads } = tf.variableGrads(() => {
            const pred = model.apply(b.x, { training: true }) as unknown as P;
            const l = tf.div(tf.sum(tf.mul(loss(b.y, pred), b.w)), denom) as tf.Scalar;
            return l;
          }, variables);
          lossValue = value;
          let g = grads;
          if (options.clipNorm && options.clipNorm > 0) g = clipByGlobalNorm(grads, options.clipNorm);
          optimizer.applyGradients(g as tf.NamedTensorMap as Record<string, tf.Variable>);
          return [tf.mul(lossValue, denom).dataSync()[0]!, wsum.dataSync()[0]!];
        });
        num += s;
        den += w;
        examplesSeen += idx.length;
      }
      const epochTrainSeconds = (performance.now() - t0) / 1000;
      trainSeconds += epochTrainSeconds;
      const record: EpochRecord = { epoch, loss: den > 0 ? num / den : NaN, learningRate: lr, seconds: 0 };
      if (validation && validation.count > 0) {
        const valLoss = weightedLoss(model, validation, loss, Math.max(options.batchSize, 1024));
        record.valLoss = valLoss;
        const v = options.validationCriterion ? options.validationCriterion() : valLoss;
        if (options.validationCriterion) record.valCriterion = v;
        const minDelta = options.earlyStopping?.minDelta ?? 0;
        if (v < best - minDelta) {
          best = v;
          bestEpoch = epoch;
          sinceImproved = 0;
          plateauWait = 0;
          if (restoreBest) {
            bestWeights?.forEach((t) => t.dispose());
            bestWeights = model.getWeights().map((t) => t.clone());
          }
          if (options.checkpointDir) {
            const named: Record<string, tf.Tensor> = {};
            model.weights.forEach((w, i) => (named[`${i}:${w.originalName}`] = w.read()));
            await saveNamedTensors(options.checkpointDir, "checkpoint", named);
          }
        } else {
          sinceImproved++;
          plateauWait++;
        }
        if (options.schedule.kind === "plateau" && plateauWait >= options.schedule.patience) {
          lr = Math.max(options.schedule.minLearningRate, lr * options.schedule.factor);
          plateauWait = 0;
        }
      } else {
        bestEpoch = epoch;
      }
      record.seconds = (performance.now() - t0) / 1000;
      history.push(record);
      options.onEpoch?.(record);
      bar.tick();
      if (!Number.isFinite(record.loss)) {
        stoppedBecause = `training loss became ${record.loss} at epoch ${epoch}`;
        break;
      }
      if (options.earlyStopping && validation && sinceImproved >= options.earlyStopping.patience) {
        stoppedBecause = `early stopping: validation ${options.validationCriterion ? "criterion" : "loss"} did not improve for ${options.earlyStopping.patience} epochs (best epoch ${bestEpoch})`;
        break;
      }
      if (options.maxSeconds && options.maxSeconds > 0 && (performance.now() - start) / 1000 >= options.maxSeconds) {
        stoppedBecause = `time budget of ${options.maxSeconds} s reached after epoch ${epoch}`;
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    bar.done();
    optimizer.dispose();
  }
  if (restoreBest && bestWeights) {
    model.setWeights(bestWeights);
    bestWeights.forEach((t) => t.dispose());
  }
  return {
    history,
    stoppedBecause,
    bestEpoch,
    bestValLoss: Number.isFinite(best) ? best : null,
    seconds: (performance.now() - start) / 1000,
    examplesPerSecond: trainSeconds > 0 ? examplesSeen / trainSeconds : 0,
  };
}

/** Scales gradients so that their global L2 norm is at most `maxNorm`. */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]!)))));
  const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
  const out: tf.NamedTensorMap = {};
  for (const n of names) out[n] = tf.mul(grads[n]!, scale);
  return out;
}
