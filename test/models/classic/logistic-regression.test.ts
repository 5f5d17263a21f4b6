import { describe, expect, it } from "vitest";
import { classificationReport } from "../../../lib/eval/classification-report.js";
import { LogisticRegression } from "../../../lib/models/classic/logistic-regression.js";
import { BLOBS_TEST as test, BLOBS_TRAIN as train } from "./blobs.js";

describe("LogisticRegression", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("logistic regression (softmax): macro F1 > 0.9 and JSON round trip keeps the scores", () => {
    const m = new LogisticRegression({ C: 10 });
    m.fit(train.x, train.y);
    expect(m.nClasses).toBe(3);
    const pred = m.predict(test.x);
    expect(classificationReport(test.y, pred, ["a", "b", "c"]).macro.f1).toBeGreaterThan(0.9);
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(LogisticRegression.fromJSON(json).decisionScores(test.x)).toEqual(m.decisionScores(test.x));
  });

  it("binary optimum by hand: x = ±1, C = 1 gives b = 0 and w with w·(1 + eʷ) = 2 (gradient of ½w² + C·Σ log(1 + e^−tz))", () => {
    const lr = new LogisticRegression({ C: 1, tolerance: 1e-10 });
    lr.fit([[-1], [1]], [0, 1]);
    expect(lr.converged).toBe(true);
    const [w, b] = lr.toJSON().coef as [number, number];
    expect(b).toBeCloseTo(0, 6);
    expect(w * (1 + Math.exp(w))).toBeCloseTo(2, 6);
    const p = lr.decisionScores([[1]])[0]!;
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-w)), 12);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
  });

  it("a weight of 2 is the same objective as a duplicated row (identical coefficients)", () => {
    const a = new LogisticRegression({ C: 3 });
    a.fit([[0, 1], [0, 1], [1, 0], [2, 2]], [1, 1, 0, 0]);
    const b = new LogisticRegression({ C: 3 });
    b.fit([[0, 1], [1, 0], [2, 2]], [1, 0, 0], { sampleWeights: [2, 1, 1] });
    expect(a.toJSON().coef).toEqual(b.toJSON().coef);
  });

  it("softmax scores are probabilities: each row sums to 1", () => {
    const m = new LogisticRegression({ C: 1 });
    m.fit(train.x, train.y);
    for (const row of m.decisionScores(test.x.slice(0, 10))) {
      expect(row).toHaveLength(3);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
  });

  it("checks C, refuses to score before fit and rows of another width", () => {
    expect(() => new LogisticRegression({ C: 0 })).toThrow("logistic regression: C must be > 0, got 0");
    expect(() => new LogisticRegression().decisionScores([[1]])).toThrow("LogisticRegression: not fitted");
    const m = new LogisticRegression();
    m.fit([[0, 1], [1, 0]], [0, 1]);
    expect(() => m.decisionScores([[1, 2, 3]])).toThrow("LogisticRegression.decisionScores: rows have 3 columns, the model was fit on 2");
  });
});
