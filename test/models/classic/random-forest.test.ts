import { describe, expect, it } from "vitest";
import { classificationReport } from "../../../lib/eval/classification-report.js";
import { DecisionTree } from "../../../lib/models/classic/decision-tree.js";
import { RandomForest } from "../../../lib/models/classic/random-forest.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { BLOBS_TEST as test, BLOBS_TRAIN as train } from "./blobs.js";

describe("RandomForest", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("random forest: macro F1 > 0.9 and JSON round trip keeps the scores", () => {
    const m = new RandomForest({ nEstimators: 20 }, new Rng(1));
    m.fit(train.x, train.y);
    expect(m.nClasses).toBe(3);
    const pred = m.predict(test.x);
    expect(classificationReport(test.y, pred, ["a", "b", "c"]).macro.f1).toBeGreaterThan(0.9);
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(RandomForest.fromJSON(json).decisionScores(test.x)).toEqual(m.decisionScores(test.x));
  });

  it("without bootstrap and with every feature tried, each tree is the CART tree: scores equal one DecisionTree's", () => {
    const rf = new RandomForest({ nEstimators: 3, bootstrap: false, maxFeatures: 2, maxDepth: 3 }, new Rng(4));
    rf.fit(train.x, train.y);
    expect(rf.size).toBe(3);
    const dt = new DecisionTree({ maxDepth: 3 });
    dt.fit(train.x, train.y);
    const a = rf.decisionScores(test.x);
    const b = dt.decisionScores(test.x);
    a.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(b[i]![k]!, 12)));
  });

  it("same seed, same forest; another seed, another forest", () => {
    const fit = (seed: number) => {
      const rf = new RandomForest({ nEstimators: 5 }, new Rng(seed));
      rf.fit(train.x, train.y);
      return rf.decisionScores(test.x);
    };
    expect(fit(9)).toEqual(fit(9));
    expect(fit(9)).not.toEqual(fit(10));
  });

  it("the bootstrap draws rows in proportion to their weights: a zero-weight row is never drawn", () => {
    const rf = new RandomForest({ nEstimators: 10 }, new Rng(2));
    rf.fit([[0], [1], [2]], [0, 0, 1], { sampleWeights: [1, 1, 0] });
    const [p0, p1] = rf.decisionScores([[2]])[0]!;
    expect(p0).toBeCloseTo(1, 12); // the mean of ten 1s
    expect(p1).toBe(0);
  });

  it("checks its options and refuses to score before fit", () => {
    expect(() => new RandomForest({ nEstimators: 0 })).toThrow("random forest: nEstimators must be an integer >= 1, got 0");
    expect(() => new RandomForest({ minSamplesLeaf: 0 })).toThrow(/minSamplesLeaf must be >= 1/);
    expect(() => new RandomForest().decisionScores([[1]])).toThrow("RandomForest: not fitted");
  });
});
