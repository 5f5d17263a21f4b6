import { describe, expect, it } from "vitest";
import { classificationReport } from "../../../lib/eval/classification-report.js";
import { DecisionTree, treeOptions } from "../../../lib/models/classic/decision-tree.js";
import { BLOBS_TEST as test, BLOBS_TRAIN as train } from "./blobs.js";

describe("DecisionTree", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("decision tree: macro F1 > 0.9 and JSON round trip keeps the scores", () => {
    const m = new DecisionTree({ maxDepth: 6 });
    m.fit(train.x, train.y);
    expect(m.nClasses).toBe(3);
    const pred = m.predict(test.x);
    expect(classificationReport(test.y, pred, ["a", "b", "c"]).macro.f1).toBeGreaterThan(0.9);
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(DecisionTree.fromJSON(json).decisionScores(test.x)).toEqual(m.decisionScores(test.x));
  });
  // Moved from test/models/classic/cores.test.ts.
  it("a depth-1 tree finds the single best Gini split", () => {
    const dt = new DecisionTree({ maxDepth: 1 });
    dt.fit([[1], [2], [3], [10], [11]], [0, 0, 0, 1, 1]);
    expect(dt.nodes.feature[0]).toBe(0);
    expect(dt.nodes.threshold[0]).toBe(6.5);
    expect(dt.decisionScores([[0], [20]])).toEqual([Float64Array.of(1, 0), Float64Array.of(0, 1)]);
  });

  it("minSamplesLeaf keeps at least that many rows per child (the split moves to 2.5, the right leaf stays mixed)", () => {
    const x = [[1], [2], [3], [10]];
    const y = [0, 0, 0, 1];
    const free = new DecisionTree();
    free.fit(x, y);
    expect(free.nodes.threshold[0]).toBe(6.5);
    const dt = new DecisionTree({ minSamplesLeaf: 2 });
    dt.fit(x, y);
    expect(dt.nodes.threshold[0]).toBe(2.5);
    expect(dt.nodes.leaves).toBe(2);
    expect(Array.from(dt.decisionScores([[10]])[0]!)).toEqual([0.5, 0.5]);
  });

  it("leaf scores are weighted class shares; zero-weight rows are left out", () => {
    const dt = new DecisionTree({ minSamplesSplit: 3 }); // two rows: no split
    dt.fit([[0], [1]], [0, 1], { sampleWeights: [3, 1] });
    expect(dt.nodes.size).toBe(1);
    expect(Array.from(dt.decisionScores([[5]])[0]!)).toEqual([0.75, 0.25]);
    const w0 = new DecisionTree();
    w0.fit([[0], [1], [5]], [0, 0, 1], { sampleWeights: [1, 1, 0] });
    expect(Array.from(w0.decisionScores([[5]])[0]!)).toEqual([1, 0]);
  });

  it("maxDepth bounds the depth; nClasses widens the scores; a pure node is a leaf", () => {
    const dt = new DecisionTree({ maxDepth: 2 });
    dt.fit(train.x, train.y, { nClasses: 5 });
    expect(dt.nClasses).toBe(5);
    expect(dt.nodes.depth).toBeLessThanOrEqual(2);
    expect(dt.decisionScores([[0, 0]])[0]).toHaveLength(5);
    const pure = new DecisionTree();
    pure.fit([[1], [2], [3]], [1, 1, 1]);
    expect(pure.nodes.size).toBe(1);
    expect(pure.predict([[0]])[0]).toBe(1);
  });

  it("options are checked by name; using an unfitted tree is an error; bad rows and labels are named", () => {
    expect(treeOptions({})).toEqual({ maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: 0, maxBins: 255 });
    expect(() => new DecisionTree({ maxDepth: -1 })).toThrow("decision tree: maxDepth must be a non-negative integer, got -1");
    expect(() => new DecisionTree({ minSamplesSplit: 1 })).toThrow("decision tree: minSamplesSplit must be >= 2, got 1");
    expect(() => new DecisionTree({ minSamplesLeaf: 0 })).toThrow("decision tree: minSamplesLeaf must be >= 1, got 0");
    expect(() => new DecisionTree().decisionScores([[1]])).toThrow("DecisionTree: not fitted");
    expect(() => new DecisionTree().fit([[1], [2]], [0])).toThrow("DecisionTree.fit: 2 rows but 1 labels");
    expect(() => new DecisionTree().fit([[1], [NaN]], [0, 1])).toThrow("DecisionTree.fit: row 1 column 0 is NaN");
  });

  it("does not change its inputs", () => {
    const x = [[3], [1], [2]];
    const y = [1, 0, 0];
    new DecisionTree().fit(x, y);
    expect(x).toEqual([[3], [1], [2]]);
    expect(y).toEqual([1, 0, 0]);
  });
});
