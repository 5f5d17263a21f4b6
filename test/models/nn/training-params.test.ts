import { describe, expect, it } from "vitest";
import { trainingParamsOf, weightedTrainingSchedule, type TrainingParams } from "../../../lib/models/nn/training-params.js";

const p: TrainingParams = { epochs: 30, batchSize: 64, learningRate: 0.01, lrSchedule: "plateau", lrPatience: 2, earlyStoppingPatience: 4, maxTrainSeconds: 60 };

describe("training parameters", () => {
  it("trainingParamsOf keeps exactly the training parameters", () => {
    expect(trainingParamsOf({ ...p, hiddenUnits: 8, window: 10 } as TrainingParams)).toEqual(p);
  });

  it("weightedTrainingSchedule: epochs, batch, rate and its schedule, early stopping with minDelta, time budget", () => {
    expect(weightedTrainingSchedule(p, 1e-4)).toEqual({
      epochs: 30,
      batchSize: 64,
      learningRate: 0.01,
      schedule: { kind: "plateau", factor: 0.5, patience: 2, minLearningRate: 0.0001 },
      earlyStopping: { patience: 4, minDelta: 1e-4 },
      maxSeconds: 60,
    });
  });

  it("a patience of 0 switches early stopping off", () => {
    expect(weightedTrainingSchedule({ ...p, earlyStoppingPatience: 0, lrSchedule: "constant" }, 1e-6)).toMatchObject({ earlyStopping: null, schedule: { kind: "constant" } });
  });
});
