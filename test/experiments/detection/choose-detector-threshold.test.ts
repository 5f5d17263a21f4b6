import { describe, expect, it } from "vitest";
import { chooseDetectorThreshold } from "../../../lib/experiments/detection/choose-detector-threshold.js";
import type { Detector, SessionSet } from "../../../lib/models/detector.js";

/** A stand-in detector: scores are given; an own threshold and a normal-only rule are optional. */
function stub(own: number | null, onNormals?: (n: SessionSet, fpr: number) => { threshold: number; rule: string }): Detector<SessionSet> {
  return {
    name: "stub",
    supervision: "unsupervised",
    fit: async () => ({ seconds: 0 }),
    score: async (x) => new Float64Array(x.sequences.length),
    save: async () => undefined,
    dispose: () => undefined,
    intrinsicThreshold: () => own,
    ...(onNormals ? { thresholdOnNormals: async (n: SessionSet, fpr: number) => onNormals(n, fpr) } : {}),
  };
}

const mixed = { sequences: [[1], [2], [3], [4]], labels: Uint8Array.of(0, 0, 1, 1) };
const mixedScores = [0.1, 0.2, 0.8, 0.9];
const normalsOnly = { sequences: [[1], [2], [3], [4]], labels: Uint8Array.of(0, 0, 0, 0) };
const normalScores = [0.1, 0.2, 0.3, 0.4];

describe("chooseDetectorThreshold", () => {
  it("max-f1 on labelled validation, with a typed source", async () => {
    const t = await chooseDetectorThreshold(stub(null), mixed, mixedScores, { kind: "max-f1" });
    expect(t.choice.validation!.f1).toBe(1);
    expect(t.threshold).toBeGreaterThanOrEqual(0.2);
    expect(t.threshold).toBeLessThan(0.8);
    expect(t.source).toEqual({ kind: "max-f1", validationSessions: 4 });
  });

  it("model: the detector's own threshold, refused when it has none", async () => {
    const t = await chooseDetectorThreshold(stub(0.5), mixed, mixedScores, { kind: "model" });
    expect(t.threshold).toBe(0.5);
    expect(t.source).toEqual({ kind: "model", threshold: 0.5 });
    await expect(chooseDetectorThreshold(stub(null), mixed, mixedScores, { kind: "model" })).rejects.toThrow(/stub has no threshold of its own/);
  });

  it("max-fpr uses the detector's own normal-only estimator when it has one, given only normal sessions", async () => {
    const seen: number[] = [];
    const d = stub(null, (n, fpr) => {
      seen.push(n.sequences.length, fpr);
      return { threshold: 7, rule: "g = 7" };
    });
    const t = await chooseDetectorThreshold(d, mixed, mixedScores, { kind: "max-fpr", fpr: 0.05 });
    expect(seen).toEqual([2, 0.05]); // the two validation normals, never the anomalies
    expect(t.threshold).toBe(7);
    expect(t.source).toEqual({ kind: "max-fpr", fpr: 0.05, validationNormals: 2, rule: "g = 7" });
    expect(t.choice.policy).toEqual({ kind: "max-fpr", fpr: 0.05 });
    const plain = await chooseDetectorThreshold(stub(null), normalsOnly, normalScores, { kind: "max-fpr", fpr: 0.25 });
    expect(plain.source).toEqual({ kind: "max-fpr", fpr: 0.25, validationNormals: 4, rule: null });
    expect(plain.threshold).toBe(0.3); // one of four normals (25%) above
  });

  it("auto: max F1 with anomalies; else the model's own threshold; else 1% FPR", async () => {
    expect((await chooseDetectorThreshold(stub(0.5), mixed, mixedScores, { kind: "auto" })).source.kind).toBe("max-f1");
    expect((await chooseDetectorThreshold(stub(0.5), normalsOnly, normalScores, { kind: "auto" })).source).toEqual({ kind: "model", threshold: 0.5 });
    expect((await chooseDetectorThreshold(stub(null), normalsOnly, normalScores, { kind: "auto" })).source).toMatchObject({ kind: "max-fpr", fpr: 0.01 });
  });

  it("fixed: the given value", async () => {
    const t = await chooseDetectorThreshold(stub(null), mixed, mixedScores, { kind: "fixed", threshold: 0.15 });
    expect(t.threshold).toBe(0.15);
    expect(t.source).toEqual({ kind: "fixed", threshold: 0.15 });
    expect(t.choice.validation!.fp).toBe(1);
  });
});
