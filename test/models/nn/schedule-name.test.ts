import { describe, expect, it } from "vitest";
import { scheduleOf, type ScheduleName } from "../../../lib/models/nn/schedule-name.js";

describe("scheduleOf", () => {
  it("maps each name to its learning-rate schedule, floors at 1/100 of the rate", () => {
    expect(scheduleOf("plateau", 3, 0.01)).toEqual({ kind: "plateau", factor: 0.5, patience: 3, minLearningRate: 0.0001 });
    expect(scheduleOf("step", 4, 0.01)).toEqual({ kind: "step", everyEpochs: 4, factor: 0.5 });
    expect(scheduleOf("cosine", 4, 0.5)).toEqual({ kind: "cosine", minLearningRate: 0.005 });
    expect(scheduleOf("constant", 4, 0.5)).toEqual({ kind: "constant" });
  });

  it("a patience below 1 counts as 1", () => {
    expect(scheduleOf("plateau", 0, 1)).toMatchObject({ patience: 1 });
    expect(scheduleOf("step", -2, 1)).toMatchObject({ everyEpochs: 1 });
  });

  it("an unknown name lists the known ones", () => {
    expect(() => scheduleOf("linear" as ScheduleName, 1, 1)).toThrow('unknown learning-rate schedule "linear" (plateau, cosine, step, constant)');
  });
});
