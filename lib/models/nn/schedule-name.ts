import type { LearningRateSchedule } from "./weighted-training.js";

/** Learning-rate schedules by name, for flat model parameter objects. */
export type ScheduleName = "plateau" | "cosine" | "step" | "constant";

/**
 * The schedule a name stands for: `plateau` halves the rate after `patience` epochs without
 * validation improvement (down to 1/100 of the initial rate); `step` halves it every `patience`
 * epochs; `cosine` anneals to 1/100; `constant` keeps it.
 */
export function scheduleOf(name: ScheduleName, patience: number, learningRate: number): LearningRateSchedule {
  switch (name) {
    case "plateau":
      return { kind: "plateau", factor: 0.5, patience: Math.max(1, patience), minLearningRate: learningRate / 100 };
    case "step":
      return { kind: "step", everyEpochs: Math.max(1, patience), factor: 0.5 };
    case "cosine":
      return { kind: "cosine", minLearningRate: learningRate / 100 };
    case "constant":
      return { kind: "constant" };
    default:
      throw new Error(`unknown learning-rate schedule "${String(name)}" (plateau, cosine, step, constant)`);
  }
}
