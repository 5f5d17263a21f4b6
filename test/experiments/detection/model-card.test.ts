import { describe, expect, it } from "vitest";
import { fitDetector } from "../../../lib/experiments/detection/fit-detector.js";
import { buildModelCard } from "../../../lib/experiments/detection/model-card.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

const train = syntheticSessions(120, 0.3, 1);
const validation = syntheticSessions(40, 0.3, 2);

describe("buildModelCard", () => {
  it("records the model, complete parameters, the threshold with its typed source, counts and vocabulary", async () => {
    const f = await fitDetector({ model: "log-clustering", params: { maxDist: 0.2 } }, { train, validation }, { seed: 5, threshold: { kind: "max-f1" } });
    const card = buildModelCard(f, { seed: 5, train, validation, files: ["a.keys"] });
    const normals = Array.from(train.labels).filter((l) => l === 0).length;
    expect(card).toMatchObject({
      format: "loglab.model",
      version: 1,
      name: "log-clustering",
      threshold: f.threshold,
      thresholdPolicy: { kind: "max-f1" },
      thresholdSource: { kind: "max-f1", validationSessions: 40 },
      seed: 5,
      training: { files: ["a.keys"], sessions: normals, normal: normals, abnormal: 0, validationSessions: 40 },
      vocabulary: f.vocabulary,
    });
    expect(card.params).toMatchObject({ maxDist: 0.2, anomalyThreshold: 0.3 });
    expect(card.validationSplit).toBeUndefined();
  });

  it("the model's own threshold is saved as a fixed policy; labelled fit sets count both classes", async () => {
    const own = await fitDetector({ model: "keyword" }, { train, validation }, { seed: 5, threshold: { kind: "model" } });
    expect(buildModelCard(own, { seed: 5, train, validation }).thresholdPolicy).toEqual({ kind: "fixed", threshold: 0 });
    const dt = await fitDetector({ model: "decision-tree" }, { train, validation }, { seed: 5 });
    const abnormal = Array.from(train.labels).filter((l) => l === 1).length;
    expect(buildModelCard(dt, { seed: 5, train, validation }).training).toMatchObject({ sessions: 120, normal: 120 - abnormal, abnormal });
  });
});
