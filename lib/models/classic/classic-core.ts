import type { Rng } from "../../runtime/rng.js";
import type { Classifier } from "./classifier.js";
import { DecisionTree } from "./decision-tree.js";
import { GradientBoosting, type GradientBoostingJson } from "./gradient-boosting.js";
import { InvariantsMining } from "./invariants-mining.js";
import { IsolationForest } from "./isolation-forest.js";
import { LinearSvm } from "./linear-svm.js";
import { LogClustering } from "./log-clustering.js";
import { LogisticRegression } from "./logistic-regression.js";
import type { OutlierModel } from "./outlier-model.js";
import { PcaSpe } from "./pca-spe.js";
import { RandomForest } from "./random-forest.js";

/** The model behind a classic detector: an outlier model (unsupervised) or a classifier (supervised). */
export type ClassicCore = { type: "outlier"; model: OutlierModel } | { type: "classifier"; model: Classifier };

/** A saved {@link ClassicCore}. */
export interface ClassicCoreJson {
  type: "outlier" | "classifier";
  model: { kind: string } & Record<string, unknown>;
}

/** Restores a core saved as `{ type, model: model.toJSON() }`; an unknown kind is an error naming it. */
export function classicCoreFromJSON(json: ClassicCoreJson, rng: Rng): ClassicCore {
  const m = json.model as never;
  switch (json.model.kind) {
    case "pca-spe":
      return { type: "outlier", model: PcaSpe.fromJSON(m) };
    case "invariants-mining":
      return { type: "outlier", model: InvariantsMining.fromJSON(m) };
    case "log-clustering":
      return { type: "outlier", model: LogClustering.fromJSON(m) };
    case "isolation-forest":
      return { type: "outlier", model: IsolationForest.fromJSON(m) };
    case "logistic-regression":
      return { type: "classifier", model: LogisticRegression.fromJSON(m) };
    case "linear-svm":
      return { type: "classifier", model: LinearSvm.fromJSON(m) };
    case "decision-tree":
      return { type: "classifier", model: DecisionTree.fromJSON(m) };
    case "random-forest":
      return { type: "classifier", model: RandomForest.fromJSON(m) };
    case "gbdt":
      return { type: "classifier", model: GradientBoosting.fromJSON(json.model as unknown as GradientBoostingJson) };
    default:
      void rng;
      throw new Error(`unknown classic model kind "${json.model.kind}"`);
  }
}
