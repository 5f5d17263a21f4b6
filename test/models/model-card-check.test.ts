import { describe, expect, it } from "vitest";
import { checkModelCard } from "../../lib/models/model-card-check.js";
import { describeThresholdSource } from "../../lib/eval/threshold-source.js";

const card = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  format: "loglab.model",
  version: 1,
  name: "pca",
  params: {},
  threshold: 0.5,
  thresholdPolicy: { kind: "max-f1" },
  validation: null,
  seed: 1,
  trainedAt: "2026-12-06T00:00:00Z",
  training: { files: [], sessions: 3, normal: 2, abnormal: 1, validationSessions: 1 },
  fit: { seconds: 0.1 },
  ...extra,
});

describe("checkModelCard", () => {
  it("accepts a typed threshold source and keeps an older card's sentence as a described source", () => {
    expect(checkModelCard(card({ thresholdSource: { kind: "max-f1", validationSessions: 4 } }), "m.json").thresholdSource).toEqual({ kind: "max-f1", validationSessions: 4 });
    const old = checkModelCard(card({ thresholdSource: "max F1 on 4 validation sessions" }), "m.json");
    expect(describeThresholdSource(old.thresholdSource!)).toBe("max F1 on 4 validation sessions");
  });
  it("names the file and the field when a value has the wrong type", () => {
    expect(() => checkModelCard(card({ thresholdSource: { kind: "guess" } }), "m.json")).toThrow(/^m\.json: thresholdSource must be one of max-f1, max-fpr, fixed, model, described/);
    expect(() => checkModelCard(card({ threshold: "0.5" }), "m.json")).toThrow(/^m\.json: threshold must be a finite number, got "0\.5"/);
    expect(() => checkModelCard(card({ version: 3 }), "m.json")).toThrow(/version 3 is not supported/);
    expect(() => checkModelCard(card({ version: 2 }), "m.json")).toThrow(/files \(the checksum of every file of the model\) is missing/);
  });
});
