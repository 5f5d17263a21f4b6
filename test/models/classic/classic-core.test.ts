import { describe, expect, it } from "vitest";
import { classicCoreFromJSON, type ClassicCore } from "../../../lib/models/classic/classic-core.js";
import { DecisionTree } from "../../../lib/models/classic/decision-tree.js";
import { GradientBoosting } from "../../../lib/models/classic/gradient-boosting.js";
import { InvariantsMining } from "../../../lib/models/classic/invariants-mining.js";
import { IsolationForest } from "../../../lib/models/classic/isolation-forest.js";
import { LinearSvm } from "../../../lib/models/classic/linear-svm.js";
import { LogClustering } from "../../../lib/models/classic/log-clustering.js";
import { LogisticRegression } from "../../../lib/models/classic/logistic-regression.js";
import { PcaSpe } from "../../../lib/models/classic/pca-spe.js";
import { RandomForest } from "../../../lib/models/classic/random-forest.js";
import { Rng } from "../../../lib/runtime/rng.js";

const x = [[0, 1, 2], [1, 1, 0], [2, 0, 1], [3, 1, 1], [0, 2, 2], [1, 0, 3]];
const y = [0, 0, 0, 1, 1, 1];
const probe = [[1, 2, 3], [0, 0, 0]];

function fitted(): ClassicCore[] {
  const outliers = [new PcaSpe({ nComponents: 1 }), new InvariantsMining(), new LogClustering(), new IsolationForest({ nEstimators: 5 }, new Rng(1))];
  const classifiers = [new LogisticRegression(), new LinearSvm({}, new Rng(2)), new DecisionTree(), new RandomForest({ nEstimators: 3 }, new Rng(3)), new GradientBoosting({ nRounds: 3 }, new Rng(4))];
  for (const m of outliers) m.fit(x);
  for (const m of classifiers) m.fit(x, y);
  return [...outliers.map((model) => ({ type: "outlier" as const, model })), ...classifiers.map((model) => ({ type: "classifier" as const, model }))];
}

const scores = (c: ClassicCore) => (c.type === "outlier" ? Array.from(c.model.score(probe)) : c.model.decisionScores(probe).map((r) => Array.from(r)));

describe("classicCoreFromJSON", () => {
  it("restores every kind of core as the right type with the same scores", () => {
    const cores = fitted();
    expect(cores.map((c) => c.model.kind)).toEqual(["pca-spe", "invariants-mining", "log-clustering", "isolation-forest", "logistic-regression", "linear-svm", "decision-tree", "random-forest", "gbdt"]);
    for (const c of cores) {
      const json = JSON.parse(JSON.stringify({ type: c.type, model: c.model.toJSON() }));
      const back = classicCoreFromJSON(json, new Rng(0));
      expect(back.type, c.model.kind).toBe(c.type);
      expect(back.model.kind).toBe(c.model.kind);
      expect(scores(back), c.model.kind).toEqual(scores(c));
    }
  });

  it("an unknown kind is an error naming it", () => {
    expect(() => classicCoreFromJSON({ type: "outlier", model: { kind: "svdd" } }, new Rng(0))).toThrow('unknown classic model kind "svdd"');
  });
});
