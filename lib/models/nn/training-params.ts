import { scheduleOf, type ScheduleName } from "./schedule-name.js";
import type { WeightedTrainingOptions } from "./weighted-training.js";
import type { ParamRange } from "../param-ranges.js";

/**
 * The training parameters every neural detector exposes in its flat parameter object (DeepLog,
 * the dual LSTM, the session classifiers, the autoencoders): what {@link trainWeighted}'s epoch
 * loop, schedule, early stopping and time budget are set from.
 */
export interface TrainingParams {
  /** Maximum epochs. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Learning-rate schedule: plateau halves the rate after `lrPatience` epochs without validation improvement. */
  lrSchedule: ScheduleName;
  lrPatience: number;
  /** Early stopping patience in epochs (validation loss); 0 disables it. */
  earlyStoppingPatience: number;
  /** Stop training after this many seconds (0 = no limit). */
  maxTrainSeconds: number;
}

/** The values each training parameter may take (checked for every model by `checkParamRanges`, models/param-ranges.ts). */
export const TRAINING_PARAM_RANGES: Readonly<Record<keyof TrainingParams, ParamRange>> = {
  epochs: { integer: true, min: 1 },
  batchSize: { integer: true, min: 1 },
  learningRate: { min: 0, minExclusive: true },
  lrSchedule: { oneOf: ["plateau", "cosine", "step", "constant"] },
  lrPatience: { integer: true, min: 0 },
  earlyStoppingPatience: { integer: true, min: 0 }, // 0: no early stopping
  maxTrainSeconds: { min: 0 }, // 0: no limit
};

/** Just the training parameters of a model's parameters (to hand them to a model it trains inside). */
export function trainingParamsOf(p: TrainingParams): TrainingParams {
  return {
    epochs: p.epochs,
    batchSize: p.batchSize,
    learningRate: p.learningRate,
    lrSchedule: p.lrSchedule,
    lrPatience: p.lrPatience,
    earlyStoppingPatience: p.earlyStoppingPatience,
    maxTrainSeconds: p.maxTrainSeconds,
  };
}

/**
 * The {@link WeightedTrainingOptions} that flat training parameters stand for: epochs, batch
 * size, learning rate and its schedule ({@link scheduleOf}), early stopping on the validation
 * loss with improvements smaller than `minDelta` not counted (off when the patience is 0), and
 * the time budget. Each model adds its own clipping, normalisation, rng and label.
 */
export function weightedTrainingSchedule(
  p: TrainingParams,
  minDelta: number,
): Pick<WeightedTrainingOptions, "epochs" | "batchSize" | "learningRate" | "schedule" | "earlyStopping" | "maxSeconds"> {
  return {
    epochs: p.epochs,
    batchSize: p.batchSize,
    learningRate: p.learningRate,
    schedule: scheduleOf(p.lrSchedule, p.lrPatience, p.learningRate),
    earlyStopping: p.earlyStoppingPatience > 0 ? { patience: p.earlyStoppingPatience, minDelta } : null,
    maxSeconds: p.maxTrainSeconds,
  };
}
