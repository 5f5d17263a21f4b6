import { describe, expect, it } from "vitest";
import { classificationReport } from "../../../lib/eval/classification-report.js";
import { GradientBoosting } from "../../../lib/models/classic/gradient-boosting.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { BLOBS_TEST as test, BLOBS_TRAIN as train } from "./blobs.js";

describe("GradientBoosting", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("gradient boosting (softmax): macro F1 > 0.9 and JSON round trip keeps the scores", () => {
    const m = new GradientBoosting({ nRounds: 40, maxDepth: 3 }, new Rng(1));
    m.fit(train.x, train.y);
    expect(m.nClasses).toBe(3);
    const pred = m.predict(test.x);
    expect(classificationReport(test.y, pred, ["a", "b", "c"]).macro.f1).toBeGreaterThan(0.9);
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(GradientBoosting.fromJSON(json).decisionScores(test.x)).toEqual(m.decisionScores(test.x));
  });
  // Moved from test/models/classic/cores.test.ts.
  it("gradient boosting stops early on validation loss and keeps the best round", () => {
    const gb = new GradientBoosting({ nRounds: 500, learningRate: 0.5, earlyStoppingRounds: 5 }, new Rng(2));
    gb.fit(train.x, train.y, { validation: { x: test.x, y: test.y } });
    expect(gb.rounds).toBeLessThan(500);
    expect(gb.stoppedBecause).toMatch(/early stopping/);
  });

  it("the base score is the log-odds of the weighted prior (binary) or the log-priors (softmax)", () => {
    const gb = new GradientBoosting({ nRounds: 1 });
    gb.fit([[0], [1], [2], [3]], [0, 0, 0, 1]);
    expect(gb.rawScores([[0]], 0)[0]![0]).toBeCloseTo(Math.log(1 / 3), 12);
    gb.fit([[0], [1], [2], [3]], [0, 0, 0, 1], { sampleWeights: [1, 1, 1, 3] });
    expect(gb.rawScores([[0]], 0)[0]![0]).toBeCloseTo(0, 12);
    const mc = new GradientBoosting({ nRounds: 1 });
    mc.fit([[0], [1], [2], [3]], [0, 1, 2, 2]);
    expect(Array.from(mc.rawScores([[0]], 0)[0]!).map((v) => +v.toFixed(12))).toEqual([Math.log(0.25), Math.log(0.25), Math.log(0.5)].map((v) => +v.toFixed(12)));
  });

  it("one binary round by hand: gradients ±0.5, hessians 0.25, leaf values −G/(H + λ)·η = ∓0.4", () => {
    const gb = new GradientBoosting({ nRounds: 1, learningRate: 1, maxDepth: 1, minChildWeight: 0, lambda: 1 });
    gb.fit([[0], [1]], [0, 1]);
    expect(gb.rounds).toBe(1);
    const raw = gb.rawScores([[0], [1]]);
    expect(raw[0]![0]).toBeCloseTo(-0.4, 12);
    expect(raw[1]![0]).toBeCloseTo(0.4, 12);
    const p = gb.decisionScores([[1]])[0]!;
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-0.4)), 12);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    // minChildWeight 1 (the default) forbids this split: H = 0.5 < 2.
    const blocked = new GradientBoosting({ nRounds: 1, learningRate: 1, maxDepth: 1, lambda: 1 });
    blocked.fit([[0], [1]], [0, 1]);
    expect(blocked.rawScores([[0]])[0]![0]).toBeCloseTo(blocked.rawScores([[1]])[0]![0]!, 12);
  });

  it("row and column subsampling are seeded: same seed same model, another seed another", () => {
    const fit = (seed: number) => {
      const gb = new GradientBoosting({ nRounds: 5, subsample: 0.5, colsample: 0.5, maxDepth: 2 }, new Rng(seed));
      gb.fit(train.x, train.y);
      return gb.decisionScores(test.x.slice(0, 20));
    };
    expect(fit(3)).toEqual(fit(3));
    expect(fit(3)).not.toEqual(fit(4));
  });

  it("runs all rounds without validation and says so; options are checked by name", () => {
    const gb = new GradientBoosting({ nRounds: 3 });
    gb.fit(train.x, train.y);
    expect(gb.rounds).toBe(3);
    expect(gb.stoppedBecause).toBe("ran all 3 rounds");
    expect(gb.validationLoss).toEqual([]);
    expect(() => new GradientBoosting({ nRounds: 0 })).toThrow("gbdt: nRounds must be an integer >= 1, got 0");
    expect(() => new GradientBoosting({ learningRate: 0 })).toThrow("gbdt: learningRate must be in (0, 1], got 0");
    expect(() => new GradientBoosting({ maxDepth: 0 })).toThrow(/maxDepth must be an integer >= 1/);
    expect(() => new GradientBoosting({ subsample: 1.5 })).toThrow(/subsample must be in \(0, 1\]/);
    expect(() => new GradientBoosting({ colsample: 0 })).toThrow(/colsample must be in \(0, 1\]/);
    expect(() => new GradientBoosting({ lambda: -1 })).toThrow("gbdt: lambda, minChildWeight and gamma must be >= 0");
    expect(() => new GradientBoosting().decisionScores([[1]])).toThrow("GradientBoosting: not fitted");
  });

  it("validation rows must have the training columns", () => {
    const gb = new GradientBoosting({ nRounds: 2 });
    expect(() => gb.fit(train.x, train.y, { validation: { x: [[1, 2, 3]], y: [0] } })).toThrow("GradientBoosting.fit validation: rows have 3 columns, the model was fit on 2");
  });
});
