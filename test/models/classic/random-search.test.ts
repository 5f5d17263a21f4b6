import { describe, expect, it } from "vitest";
import { DecisionTree } from "../../../lib/models/classic/decision-tree.js";
import { randomSearchCV, sampleParams } from "../../../lib/models/classic/random-search.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { blobs } from "./blobs.js";

describe("random search", () => {
  // Moved from test/models/classic/cores.test.ts.
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

  it("sampleParams: ranges stay inside their bounds, integers are integers, the same seed draws the same", () => {
    const space = { lr: { min: 1e-4, max: 1, log: true }, u: { min: -1, max: 1 }, n: { min: 2, max: 3, int: true }, c: ["a", "b", true] as const };
    for (let s = 0; s < 50; s++) {
      const p = sampleParams(space, new Rng(s));
      expect(p.lr).toBeGreaterThanOrEqual(1e-4);
      expect(p.lr).toBeLessThanOrEqual(1);
      expect(p.u).toBeGreaterThanOrEqual(-1);
      expect(p.u).toBeLessThanOrEqual(1);
      expect([2, 3]).toContain(p.n);
      expect(["a", "b", true]).toContain(p.c);
    }
    expect(sampleParams(space, new Rng(3))).toEqual(sampleParams(space, new Rng(3)));
    expect(sampleParams({ x: { min: 5, max: 5 } }, new Rng(1))).toEqual({ x: 5 });
    expect(() => sampleParams({ x: { min: 2, max: 1 } }, new Rng(1))).toThrow("search space x: max < min");
  });

  it("scores each trial by macro F1 per fold; the best is the first of equal means; group folds work", () => {
    const data = blobs(60, 6);
    const groups = Array.from({ length: 60 }, (_, i) => i % 6);
    const r = randomSearchCV({ make: () => new DecisionTree({ maxDepth: 3 }), space: { unused: [1] }, nIter: 3, folds: 3, x: data.x, y: data.y, nClasses: 3, groups, smote: true, rng: new Rng(4) });
    expect(r.trials).toHaveLength(3);
    for (const t of r.trials) {
      expect(t.foldScores).toHaveLength(3);
      expect(t.mean).toBeCloseTo(t.foldScores.reduce((a, b) => a + b, 0) / 3, 12);
    }
    // Identical models on identical folds: equal means, so the first trial wins.
    expect(r.trials.every((t) => t.mean === r.trials[0]!.mean)).toBe(true);
    expect(r.best).toBe(r.trials[0]!.params);
    expect(r.seconds).toBeGreaterThanOrEqual(0);
  });

  it("is deterministic by seed", () => {
    const data = blobs(60, 7);
    const run = () => randomSearchCV({ make: (q) => new DecisionTree({ maxDepth: Number(q.d) }), space: { d: { min: 1, max: 6, int: true } }, nIter: 3, x: data.x, y: data.y, nClasses: 3, rng: new Rng(11) }).trials.map((t) => [t.params, t.foldScores]);
    expect(run()).toEqual(run());
  });
});
