import { describe, expect, it } from "vitest";
import { trainingAdvice } from "../../lib/models/training-advice.js";

const many = (n: number, len: number) => Array.from({ length: n }, (_, i) => Array.from({ length: len }, (_, j) => 1 + ((i + j * 7) % 23) + (i % 50) * 30));

describe("trainingAdvice", () => {
  it("says nothing when the data is ample and the validation FPR low", () => {
    expect(trainingAdvice({ model: "deeplog", family: "next-key", params: { window: 10, padding: "reference" }, fitSessions: many(200, 20), validation: { fp: 1, tn: 99, tp: 0, fn: 0 }, validationRepeats: 0 })).toEqual([]);
  });
  it("warns on few distinct sessions for a neural model only, with the counts", () => {
    const few = [...many(10, 20), ...many(10, 20)];
    const [w] = trainingAdvice({ model: "dense-ae", family: "autoencoder", params: {}, fitSessions: few, validation: null, validationRepeats: null });
    expect(w).toMatch(/dense-ae was fitted on 20 sessions of which only 10 are distinct/);
    expect(trainingAdvice({ model: "pca", family: "classic", params: {}, fitSessions: few, validation: null, validationRepeats: null })).toEqual([]);
  });
  it("explains DeepLog's reference padding on short sessions and suggests a window", () => {
    const w = trainingAdvice({ model: "deeplog", family: "next-key", params: { window: 10, padding: "reference" }, fitSessions: many(100, 4), validation: null, validationRepeats: null });
    expect(w.join("\n")).toMatch(/100% of the fit sessions \(100 of 100\) are shorter than window \+ 1 = 11 keys \(median length 4\).*"padding":"left","window":3/);
    expect(trainingAdvice({ model: "deeplog", family: "next-key", params: { window: 10, padding: "left" }, fitSessions: many(100, 4), validation: null, validationRepeats: null })).toEqual([]);
  });
  it("warns when the threshold flags more than 5% of validation normals", () => {
    const w = trainingAdvice({ model: "iforest", family: "classic", params: {}, fitSessions: many(100, 5), validation: { fp: 6, tn: 94, tp: 3, fn: 0 }, validationRepeats: 12 });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/flags 6\.0% of the validation normals \(FP 6 of 100; 12 of the validation sessions repeat a fit session exactly\), above 5%/);
    expect(trainingAdvice({ model: "iforest", family: "classic", params: {}, fitSessions: many(100, 5), validation: { fp: 5, tn: 95, tp: 3, fn: 0 }, validationRepeats: 0 })).toEqual([]);
  });
});
