import { describe, expect, it } from "vitest";
import { averagePathLength, IsolationForest } from "../../../lib/models/classic/isolation-forest.js";
import { Rng } from "../../../lib/runtime/rng.js";

const cloud = (n: number, seed: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
};

describe("IsolationForest", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("Isolation Forest: c(n) and an isolated point scores above the crowd", () => {
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 10);
    const rows = cloud(300, 4);
    const f = new IsolationForest({ nEstimators: 100, maxSamples: 128 }, new Rng(5));
    f.fit(rows);
    const [inlier, outlier] = f.score([[0, 0], [8, 8]]);
    expect(outlier!).toBeGreaterThan(0.6);
    expect(inlier!).toBeLessThan(0.5);
  });

  it("c(n) is 0 for one item or none", () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(3)).toBeCloseTo(2 * (Math.log(2) + 0.5772156649015329) - 4 / 3, 12);
  });

  it("identical rows cannot be split: every path is c(ψ), so every score is 2^−1 = 0.5", () => {
    const f = new IsolationForest({ nEstimators: 5, maxSamples: 8 }, new Rng(1));
    f.fit(Array.from({ length: 10 }, () => [1, 1]));
    for (const h of f.meanPathLengths([[1, 1], [9, -9]])) expect(h).toBeCloseTo(averagePathLength(8), 12);
    expect(f.score([[1, 1]])[0]).toBeCloseTo(0.5, 12);
  });

  it("a single training row gives finite scores (0.5, as rows that cannot be isolated), not NaN", () => {
    const f = new IsolationForest({ nEstimators: 3 }, new Rng(1));
    f.fit([[1, 2]]);
    expect(Array.from(f.score([[1, 2], [5, 5]]))).toEqual([0.5, 0.5]);
    const c = new IsolationForest({ nEstimators: 3, contamination: 0.1 }, new Rng(1));
    c.fit([[1, 2]]);
    expect(c.intrinsicThreshold).toBe(0.5);
  });

  it("the intrinsic threshold is 0.5, or the training-score quantile at 1 − contamination", () => {
    const rows = cloud(100, 2);
    const plain = new IsolationForest({ nEstimators: 20 }, new Rng(3));
    plain.fit(rows);
    expect(plain.intrinsicThreshold).toBe(0.5);
    const c = new IsolationForest({ nEstimators: 20, contamination: 0.1 }, new Rng(3));
    c.fit(rows);
    const s = Array.from(c.score(rows));
    const t = c.intrinsicThreshold!;
    expect(s.filter((v) => v > t).length).toBeLessThanOrEqual(10);
    expect(s.filter((v) => v >= t).length).toBeGreaterThanOrEqual(10);
  });

  it("same seed, same forest; JSON round trip keeps the scores", () => {
    const rows = cloud(80, 6);
    const fit = (seed: number) => {
      const f = new IsolationForest({ nEstimators: 10, maxSamples: 32 }, new Rng(seed));
      f.fit(rows);
      return f;
    };
    const a = fit(7);
    expect(a.score(rows)).toEqual(fit(7).score(rows));
    expect(a.score(rows)).not.toEqual(fit(8).score(rows));
    expect(IsolationForest.fromJSON(JSON.parse(JSON.stringify(a.toJSON()))).score(rows)).toEqual(a.score(rows));
  });

  it("checks its options and refuses to score before fit or rows of another width", () => {
    expect(() => new IsolationForest({ nEstimators: 0 })).toThrow("isolation forest: nEstimators must be an integer >= 1, got 0");
    expect(() => new IsolationForest({ maxSamples: 1 })).toThrow("isolation forest: maxSamples must be an integer >= 2, got 1");
    expect(() => new IsolationForest({ contamination: 0.5 })).toThrow("isolation forest: contamination must be in [0, 0.5), got 0.5");
    expect(() => new IsolationForest().score([[1]])).toThrow("IsolationForest: not fitted");
    const f = new IsolationForest({ nEstimators: 2 });
    f.fit([[1, 2], [3, 4]]);
    expect(() => f.score([[1]])).toThrow("IsolationForest.score: rows have 1 columns, the model was fit on 2");
  });
});
