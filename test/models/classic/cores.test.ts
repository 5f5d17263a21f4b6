import { describe, expect, it } from "vitest";
import { DecisionTree } from "../../../lib/models/classic/decision-tree.js";
import { FeatureBinner } from "../../../lib/models/classic/feature-binner.js";
import { GradientBoosting } from "../../../lib/models/classic/gradient-boosting.js";
import { InvariantsMining } from "../../../lib/models/classic/invariants-mining.js";
import { averagePathLength, IsolationForest } from "../../../lib/models/classic/isolation-forest.js";
import { minimizeLbfgs } from "../../../lib/models/classic/lbfgs.js";
import { LinearSvm } from "../../../lib/models/classic/linear-svm.js";
import { completeLinkageClusters, cosineDistance } from "../../../lib/models/classic/log-clustering.js";
import { LogisticRegression } from "../../../lib/models/classic/logistic-regression.js";
import { PcaSpe, qStatisticThreshold } from "../../../lib/models/classic/pca-spe.js";
import { RandomForest } from "../../../lib/models/classic/random-forest.js";
import { randomSearchCV, sampleParams } from "../../../lib/models/classic/random-search.js";
import { balancedClassWeights, smote } from "../../../lib/models/classic/smote.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { classificationReport } from "../../../lib/eval/classification-report.js";

/** Three Gaussian blobs in 2-D: classes 0, 1, 2 around (0,0), (5,0), (0,5). */
function blobs(n: number, seed: number): { x: Float64Array[]; y: Int32Array } {
  const rng = new Rng(seed);
  const centres = [
    [0, 0],
    [5, 0],
    [0, 5],
  ];
  const x: Float64Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x.push(Float64Array.of(centres[c]![0]! + rng.normal(), centres[c]![1]! + rng.normal()));
    y.push(c);
  }
  return { x, y: Int32Array.from(y) };
}

describe("classifier cores on a 3-class problem with a known answer", () => {
  const train = blobs(300, 1);
  const test = blobs(150, 2);
  const cases = [
    ["logistic regression (softmax)", () => new LogisticRegression({ C: 10 })],
    ["linear SVM (one-vs-rest)", () => new LinearSvm({ C: 1 }, new Rng(1))],
    ["decision tree", () => new DecisionTree({ maxDepth: 6 })],
    ["random forest", () => new RandomForest({ nEstimators: 20 }, new Rng(1))],
    ["gradient boosting (softmax)", () => new GradientBoosting({ nRounds: 40, maxDepth: 3 }, new Rng(1))],
  ] as const;
  for (const [name, make] of cases) {
    it(`${name}: macro F1 > 0.9 and JSON round trip keeps the scores`, () => {
      const m = make();
      m.fit(train.x, train.y);
      expect(m.nClasses).toBe(3);
      const pred = m.predict(test.x);
      expect(classificationReport(test.y, pred, ["a", "b", "c"]).macro.f1).toBeGreaterThan(0.9);
      const json = JSON.parse(JSON.stringify(m.toJSON()));
      const Ctor = m.constructor as unknown as { fromJSON(j: unknown): typeof m };
      expect(Ctor.fromJSON(json).decisionScores(test.x)).toEqual(m.decisionScores(test.x));
    });
  }
  it("a depth-1 tree finds the single best Gini split", () => {
    const dt = new DecisionTree({ maxDepth: 1 });
    dt.fit([[1], [2], [3], [10], [11]], [0, 0, 0, 1, 1]);
    expect(dt.nodes.feature[0]).toBe(0);
    expect(dt.nodes.threshold[0]).toBe(6.5);
    expect(dt.decisionScores([[0], [20]])).toEqual([Float64Array.of(1, 0), Float64Array.of(0, 1)]);
  });
  it("gradient boosting stops early on validation loss and keeps the best round", () => {
    const gb = new GradientBoosting({ nRounds: 500, learningRate: 0.5, earlyStoppingRounds: 5 }, new Rng(2));
    gb.fit(train.x, train.y, { validation: { x: test.x, y: test.y } });
    expect(gb.rounds).toBeLessThan(500);
    expect(gb.stoppedBecause).toMatch(/early stopping/);
  });
});

describe("binner, L-BFGS, SMOTE, search", () => {
  it("bins distinct values exactly at midpoints", () => {
    const b = FeatureBinner.fit([[0], [1], [1], [3]]);
    expect(Array.from(b.edges[0]!)).toEqual([0.5, 2]);
    expect([b.bin(0, 0), b.bin(0, 1), b.bin(0, 2), b.bin(0, 100)]).toEqual([0, 1, 1, 2]);
    expect(FeatureBinner.fit(Array.from({ length: 1000 }, (_, i) => [i]), 16).nBins(0)).toBeLessThanOrEqual(16);
  });
  it("L-BFGS minimises the Rosenbrock function", () => {
    const r = minimizeLbfgs((x, g) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, Float64Array.of(-1.2, 1), { maxIterations: 500, tolerance: 1e-10 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
  it("SMOTE balances classes with points on segments between same-class neighbours", () => {
    const x = [[0, 0], [1, 0], [0, 1], [10, 10], [11, 10], [10, 11], [12, 12], [11, 11]];
    const y = [1, 1, 1, 0, 0, 0, 0, 0];
    const r = smote(x, y, { k: 2 }, new Rng(3));
    expect(r.added).toEqual([0, 2]);
    expect(r.y.filter((c) => c === 1).length).toBe(5);
    for (const row of r.x.slice(8)) {
      expect(row[0]! + row[1]!).toBeLessThanOrEqual(1 + 1e-12);
      expect(Math.min(row[0]!, row[1]!)).toBeGreaterThanOrEqual(0);
    }
    expect(x[0]).toEqual([0, 0]);
    expect(Array.from(balancedClassWeights([0, 0, 0, 1]))).toEqual([4 / 6, 4 / 6, 4 / 6, 2]);
  });
  it("random search draws within the space and returns the best CV trial", () => {
    const p = sampleParams({ C: { min: 0.1, max: 10, log: true }, d: [1, 2], k: { min: 1, max: 5, int: true } }, new Rng(1));
    expect(p.C).toBeGreaterThanOrEqual(0.1);
    expect([1, 2]).toContain(p.d);
    expect(Number.isInteger(p.k)).toBe(true);
    const data = blobs(90, 5);
    const r = randomSearchCV({ make: (q) => new DecisionTree({ maxDepth: Number(q.maxDepth) }), space: { maxDepth: [1, 4] }, nIter: 4, folds: 3, x: data.x, y: data.y, nClasses: 3, rng: new Rng(2) });
    expect(r.trials.length).toBe(4);
    expect(r.bestScore).toBe(Math.max(...r.trials.map((t) => t.mean)));
  });
});

describe("outlier cores", () => {
  it("PCA: the Q-statistic matches a hand computation and a residual outlier scores highest", () => {
    // Residual eigenvalues 1 and 1: φ1 = 2, φ2 = 2, φ3 = 2, h0 = 1 − 8/12 = 1/3.
    const h0 = 1 / 3;
    const expected = 2 * Math.pow((3 * Math.sqrt(2 * 2 * h0 * h0)) / 2 + 1 + (2 * h0 * (h0 - 1)) / 4, 1 / h0);
    expect(qStatisticThreshold([1, 1], 3)).toBeCloseTo(expected, 10);
    expect(qStatisticThreshold([0, 0], 3)).toBeNull();
    const rng = new Rng(1);
    const rows = Array.from({ length: 200 }, () => {
      const t = rng.normal() * 5;
      return [t, 2 * t + rng.normal() * 0.01, rng.normal() * 0.01];
    });
    const pca = new PcaSpe({ nComponents: 1 });
    pca.fit(rows);
    const s = pca.score([[1, 2, 0], [1, -2, 0]]);
    expect(s[0]).toBeLessThan(0.01);
    // (1, −2) is 4/√5 away from the line t·(1, 2): SPE = 16/5.
    expect(s[1]).toBeCloseTo(16 / 5, 1);
    expect(s[1]).toBeGreaterThan(pca.intrinsicThreshold!);
  });
  it("Invariants Mining finds count(a) − count(b) = 0 and a never-seen column", () => {
    const rows = Array.from({ length: 50 }, (_, i) => [1 + (i % 3), 1 + (i % 3), i % 5, 0]);
    const im = new InvariantsMining();
    im.fit(rows);
    expect(im.invariants).toContainEqual({ columns: [3], theta: [1] });
    expect(im.invariants.some((v) => v.columns.join() === "0,1" && Math.abs(v.theta[0]!) === Math.abs(v.theta[1]!) && v.theta[0] === -v.theta[1]!)).toBe(true);
    expect(Array.from(im.score([[2, 2, 4, 0], [2, 1, 0, 0], [1, 1, 0, 3]]))).toEqual([0, 1, 3]);
  });
  it("complete linkage merges only within the distance cut", () => {
    const pts = [0, 0.1, 0.25, 5, 5.2];
    const ids = completeLinkageClusters(pts.length, (i, j) => Math.abs(pts[i]! - pts[j]!), 0.3);
    expect(Array.from(ids)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(completeLinkageClusters(3, (i, j) => Math.abs(pts[i]! - pts[j]!), 0.2))).toEqual([0, 0, 1]);
    expect(cosineDistance([1, 0], [2, 0])).toBe(0);
    expect(cosineDistance([1, 0], [0, 1])).toBeCloseTo(1, 6);
  });
  it("Isolation Forest: c(n) and an isolated point scores above the crowd", () => {
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 10);
    const rng = new Rng(4);
    const rows = Array.from({ length: 300 }, () => [rng.normal(), rng.normal()]);
    const f = new IsolationForest({ nEstimators: 100, maxSamples: 128 }, new Rng(5));
    f.fit(rows);
    const [inlier, outlier] = f.score([[0, 0], [8, 8]]);
    expect(outlier!).toBeGreaterThan(0.6);
    expect(inlier!).toBeLessThan(0.5);
  });
});
