/**
 * Hyperparameter random search (Bergstra & Bengio, "Random Search for Hyper-Parameter
 * Optimization", JMLR 13, 2012) with k-fold cross-validation inside the training data only:
 * `nIter` parameter sets are drawn from the space, each is scored by the mean of a metric over the
 * folds, and the best set is returned (ties: the earlier draw). Validation and test data are never
 * touched; class balancing (SMOTE) runs inside each fold's training part only.
 */
import { classificationReport } from "../../eval/classification-report.js";
import { groupKFold, kFold, type Fold } from "../../eval/k-fold.js";
import type { Rng } from "../../runtime/rng.js";
import { mergeDuplicateRows, type Classifier } from "./classifier.js";
import type { FeatureRows } from "./feature-rows.js";
import { smote } from "./smote.js";

/** One dimension of a search space: a list of choices, or a numeric range (log-uniform with `log`, integers with `int`). */
export type ParamDomain = readonly (string | number | boolean)[] | { min: number; max: number; log?: boolean; int?: boolean };

/** A search space: parameter name → domain. */
export type ParamSpace = Record<string, ParamDomain>;

/** Draws one parameter set from a space. */
export function sampleParams(space: ParamSpace, rng: Rng): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, dom] of Object.entries(space)) {
    if (Array.isArray(dom)) {
      out[name] = rng.pick(dom as readonly (string | number | boolean)[]);
      continue;
    }
    const d = dom as { min: number; max: number; log?: boolean; int?: boolean };
    if (!(d.max >= d.min)) throw new Error(`search space ${name}: max < min`);
    let v = d.log ? Math.exp(rng.uniform(Math.log(d.min), Math.log(d.max))) : rng.uniform(d.min, d.max);
    if (d.int) v = Math.min(d.max, Math.max(d.min, Math.round(v)));
    out[name] = v;
  }
  return out;
}

/** Options of {@link randomSearchCV}. */
export interface RandomSearchOptions {
  /** Builds an unfitted classifier from a parameter set. */
  make: (params: Record<string, string | number | boolean>, rng: Rng) => Classifier;
  space: ParamSpace;
  /** Parameter sets drawn (default 10). */
  nIter?: number;
  /** Folds (default 3). */
  folds?: number;
  /** Training rows and labels (never validation or test rows). */
  x: FeatureRows;
  y: ArrayLike<number>;
  nClasses: number;
  /** Group ids (e.g. templates): folds split by group instead of stratified by label. */
  groups?: ArrayLike<number | string>;
  /** Apply SMOTE to each fold's training part. */
  smote?: boolean;
  rng: Rng;
}

/** One tried parameter set. */
export interface SearchTrial {
  params: Record<string, string | number | boolean>;
  /** Macro F1 per fold. */
  foldScores: number[];
  mean: number;
}

/** Result of {@link randomSearchCV}: the best parameters and every trial. */
export interface RandomSearchResult {
  best: Record<string, string | number | boolean>;
  bestScore: number;
  trials: SearchTrial[];
  seconds: number;
}

/**
 * Random search scored by macro F1 over k folds of the training data.
 *
 * @example
 * const r = randomSearchCV({ make: (p, rng) => new RandomForest(p, rng), space: { nEstimators: [50, 100], maxDepth: { min: 4, max: 20, int: true } }, x, y, nClasses: 7, rng });
 */
export function randomSearchCV(o: RandomSearchOptions): RandomSearchResult {
  const t0 = performance.now();
  const nIter = o.nIter ?? 10;
  const k = o.folds ?? 3;
  const folds: Fold[] = o.groups ? groupKFold(o.groups, k, o.rng.fork("folds")) : kFold(o.x.length, k, o.rng.fork("folds"), o.y);
  const classes = Array.from({ length: o.nClasses }, (_, c) => String(c));
  const trials: SearchTrial[] = [];
  for (let t = 0; t < nIter; t++) {
    const params = sampleParams(o.space, o.rng.fork(`draw-${t}`));
    const foldScores = folds.map((fold, f) => {
      let xTrain: FeatureRows = Array.from(fold.train, (i) => o.x[i]!);
      let yTrain: ArrayLike<number> = Int32Array.from(fold.train, (i) => o.y[i]!);
      if (o.smote) {
        const s = smote(xTrain, yTrain, {}, o.rng.fork(`smote-${t}-${f}`));
        xTrain = s.x;
        yTrain = s.y;
      }
      const model = o.make(params, o.rng.fork(`model-${t}-${f}`));
      // Identical (row, label) pairs become one weighted row: same objective, fewer terms.
      const merged = mergeDuplicateRows(xTrain, yTrain, new Float64Array(xTrain.length).fill(1));
      model.fit(merged.x, merged.y, { nClasses: o.nClasses, sampleWeights: merged.w });
      const pred = model.predict(Array.from(fold.test, (i) => o.x[i]!));
      return classificationReport(Int32Array.from(fold.test, (i) => o.y[i]!), pred, classes).macro.f1;
    });
    trials.push({ params, foldScores, mean: foldScores.reduce((a, b) => a + b, 0) / foldScores.length });
  }
  let best = trials[0]!;
  for (const tr of trials) if (tr.mean > best.mean) best = tr;
  return { best: best.params, bestScore: best.mean, trials, seconds: (performance.now() - t0) / 1000 };
}
