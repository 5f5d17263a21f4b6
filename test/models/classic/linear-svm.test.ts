import { describe, expect, it } from "vitest";
import { classificationReport } from "../../../lib/eval/classification-report.js";
import { LinearSvm } from "../../../lib/models/classic/linear-svm.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { BLOBS_TEST as test, BLOBS_TRAIN as train } from "./blobs.js";

describe("LinearSvm", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("linear SVM (one-vs-rest): macro F1 > 0.9 and JSON round trip keeps the scores", () => {
    const m = new LinearSvm({ C: 1 }, new Rng(1));
    m.fit(train.x, train.y);
    expect(m.nClasses).toBe(3);
    const pred = m.predict(test.x);
    expect(classificationReport(test.y, pred, ["a", "b", "c"]).macro.f1).toBeGreaterThan(0.9);
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(LinearSvm.fromJSON(json).decisionScores(test.x)).toEqual(m.decisionScores(test.x));
  });

  it("L2-loss SVM optimum by hand: x = ±1 (bias as a regularised feature) minimises ½w² + 2C(1 − w)², so w = 4C / (1 + 4C)", () => {
    const svm = new LinearSvm({ C: 1, tolerance: 1e-10 }, new Rng(1));
    svm.fit([[-1], [1]], [0, 1]);
    expect(svm.converged).toBe(true);
    const [neg, pos] = svm.decisionScores([[1]])[0]!;
    expect(pos).toBeCloseTo(0.8, 8);
    expect(neg).toBeCloseTo(-0.8, 8);
    expect(svm.decisionScores([[0]])[0]![1]).toBeCloseTo(0, 8); // b = 0 by symmetry
    // Sample weights scale C: weight 2 on every row is C = 2, w = 8/9.
    const heavy = new LinearSvm({ C: 1, tolerance: 1e-10 }, new Rng(1));
    heavy.fit([[-1], [1]], [0, 1], { sampleWeights: [2, 2] });
    expect(heavy.decisionScores([[1]])[0]![1]).toBeCloseTo(8 / 9, 8);
  });

  it("one-vs-rest gives one decision value per class; predictions follow the largest", () => {
    const m = new LinearSvm({ C: 1 }, new Rng(2));
    m.fit(train.x, train.y);
    const s = m.decisionScores([[5, 0]])[0]!;
    expect(s).toHaveLength(3);
    expect(m.predict([[5, 0]])[0]).toBe(1);
    expect(s[1]).toBeGreaterThan(Math.max(s[0]!, s[2]!));
  });

  it("same seed, same model; passes and convergence are reported", () => {
    const fit = (seed: number) => {
      const m = new LinearSvm({ C: 1 }, new Rng(seed));
      m.fit(train.x, train.y);
      return m;
    };
    expect(fit(5).toJSON()).toEqual(fit(5).toJSON());
    expect(fit(5).passes).toBeGreaterThan(0);
  });

  it("checks C, refuses to score before fit and rows of another width", () => {
    expect(() => new LinearSvm({ C: -1 })).toThrow("linear SVM: C must be > 0, got -1");
    expect(() => new LinearSvm().decisionScores([[1]])).toThrow("LinearSvm: not fitted");
    const m = new LinearSvm();
    m.fit([[0, 1], [1, 0]], [0, 1]);
    expect(() => m.decisionScores([[1]])).toThrow("LinearSvm.decisionScores: rows have 1 columns, the model was fit on 2");
  });
});
