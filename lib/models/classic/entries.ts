import { defineEntry, type DetectorEntry, type FitSet } from "../define-entry.js";
import type { Supervision } from "../detector.js";
import type { Rng } from "../../runtime/rng.js";
import type { ClassicCore } from "./classic-core.js";
import { CountFeatureDetector, type BalanceParams, type CountFeatureParams } from "./count-feature-detector.js";
import { DecisionTree } from "./decision-tree.js";
import { GradientBoosting } from "./gradient-boosting.js";
import { InvariantsMining } from "./invariants-mining.js";
import { IsolationForest } from "./isolation-forest.js";
import { KeywordDetector } from "./keyword-detector.js";
import { LinearSvm } from "./linear-svm.js";
import { LogClustering } from "./log-clustering.js";
import { LogisticRegression } from "./logistic-regression.js";
import { PcaSpe } from "./pca-spe.js";
import { RandomForest } from "./random-forest.js";

// Feature defaults follow loglizer's benchmark (loglizer/benchmarks/HDFS_bechmark.py): PCA on
// tf-idf + zero-mean, IM / LogClustering / IF on raw counts, LR / SVM / DT on tf-idf.
const raw: CountFeatureParams = { termWeighting: "none", normalization: "none", minCount: 1 };
const tfidf: CountFeatureParams = { termWeighting: "tf-idf", normalization: "none", minCount: 1 };
const tfidfZeroMean: CountFeatureParams = { termWeighting: "tf-idf", normalization: "zero-mean", minCount: 1 };
const balance: BalanceParams = { balance: "none", smoteK: 5 };

/** A classic entry: a registry entry plus the factory of its core model (the 7-class task fits cores on its own features). */
export type ClassicEntry<P extends CountFeatureParams> = DetectorEntry<P, CountFeatureDetector> & {
  /** The unfitted core (outlier model or classifier) for complete parameters. */
  core(params: P, rng: Rng): ClassicCore;
};

/** An entry whose detector is a {@link CountFeatureDetector} over the core that `core(params, rng)` builds. */
function countEntry<P extends CountFeatureParams>(name: string, supervision: Supervision, fitSet: FitSet, description: string, defaults: P, core: (p: P, rng: Rng) => ClassicCore): ClassicEntry<P> {
  const make = (p: P) => (rng: Rng) => core(p, rng);
  const entry = defineEntry<P, CountFeatureDetector>({
    description,
    family: "classic",
    supervision,
    fitSet,
    defaults,
    create: (p, ctx) => new CountFeatureDetector(name, supervision, p as P & Record<string, unknown>, make(p), ctx.rng),
    load: (dir) => CountFeatureDetector.load(dir, name, (rng) => core(defaults, rng)),
  });
  return { ...entry, core };
}

/** Registry entries of the classic family (loglizer's table plus RF, GBDT and the keyword baseline). */
export const classicEntries = {
  pca: countEntry(
    "pca",
    "unsupervised",
    "normals",
    "PCA residual (SPE) detector with the Q-statistic threshold (Xu et al., SOSP'09; Jackson & Mudholkar 1979)",
    { nComponents: 0.95, cAlpha: 3.2905, ...tfidfZeroMean },
    (p) => ({ type: "outlier", model: new PcaSpe({ nComponents: p.nComponents, cAlpha: p.cAlpha }) }),
  ),
  "invariants-mining": countEntry(
    "invariants-mining",
    "unsupervised",
    "normals",
    "Invariants Mining: integer linear relations between event counts (Lou et al., USENIX ATC'10)",
    { percentage: 0.98, epsilon: 0.5, longestInvariant: 3, maxCandidates: 200_000, ...raw },
    (p) => ({ type: "outlier", model: new InvariantsMining({ percentage: p.percentage, epsilon: p.epsilon, longestInvariant: p.longestInvariant, maxCandidates: p.maxCandidates }) }),
  ),
  "log-clustering": countEntry(
    "log-clustering",
    "unsupervised",
    "normals",
    "LogClustering: complete-linkage clusters of normal sessions, distance to the nearest centroid (Lin et al., ICSE'16)",
    { maxDist: 0.3, anomalyThreshold: 0.3, bootstrapSamples: 1000, ...raw },
    (p) => ({ type: "outlier", model: new LogClustering({ maxDist: p.maxDist, anomalyThreshold: p.anomalyThreshold, bootstrapSamples: p.bootstrapSamples }) }),
  ),
  iforest: countEntry(
    "iforest",
    "unsupervised",
    "normals",
    "Isolation Forest on event counts (Liu, Ting & Zhou, ICDM'08)",
    { nEstimators: 100, maxSamples: 256, contamination: 0.03, ...raw },
    (p, rng) => ({ type: "outlier", model: new IsolationForest({ nEstimators: p.nEstimators, maxSamples: p.maxSamples, contamination: p.contamination }, rng) }),
  ),
  keyword: defineEntry({
    description: "Keyword baseline: counts alarm keys and keys never seen in normal training (\"grep for ERROR\")",
    family: "classic",
    supervision: "unsupervised",
    fitSet: "normals",
    defaults: { alarmKeys: [] as number[], flagUnseenKeys: true },
    create: (p) => new KeywordDetector(p),
    load: (dir) => KeywordDetector.load(dir),
  }),
  "logistic-regression": countEntry(
    "logistic-regression",
    "supervised",
    "labelled",
    "L2 logistic regression (softmax for K > 2) by L-BFGS, as loglizer's LR (C = 100)",
    { C: 100, maxIterations: 1000, tolerance: 1e-6, ...tfidf, ...balance },
    (p) => ({ type: "classifier", model: new LogisticRegression({ C: p.C, maxIterations: p.maxIterations, tolerance: p.tolerance }) }),
  ),
  "linear-svm": countEntry(
    "linear-svm",
    "supervised",
    "labelled",
    "Linear L2-loss SVM by dual coordinate descent (Hsieh et al., ICML'08; LIBLINEAR), as loglizer's SVM",
    { C: 1, tolerance: 0.1, maxIterations: 10_000, ...tfidf, ...balance },
    (p, rng) => ({ type: "classifier", model: new LinearSvm({ C: p.C, tolerance: p.tolerance, maxIterations: p.maxIterations }, rng) }),
  ),
  "decision-tree": countEntry(
    "decision-tree",
    "supervised",
    "labelled",
    "CART decision tree, Gini (Breiman et al. 1984), as loglizer's DT",
    { maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxBins: 255, ...tfidf, ...balance },
    (p) => ({ type: "classifier", model: new DecisionTree({ maxDepth: p.maxDepth, minSamplesSplit: p.minSamplesSplit, minSamplesLeaf: p.minSamplesLeaf, maxBins: p.maxBins }) }),
  ),
  "random-forest": countEntry(
    "random-forest",
    "supervised",
    "labelled",
    "Random forest of CART trees, bootstrap + √F features per split (Breiman 2001)",
    { nEstimators: 100, maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: 0, bootstrap: true, maxBins: 255, ...tfidf, ...balance },
    (p, rng) => ({
      type: "classifier",
      model: new RandomForest({ nEstimators: p.nEstimators, maxDepth: p.maxDepth, minSamplesSplit: p.minSamplesSplit, minSamplesLeaf: p.minSamplesLeaf, maxFeatures: p.maxFeatures, bootstrap: p.bootstrap, maxBins: p.maxBins }, rng),
    }),
  ),
  gbdt: countEntry(
    "gbdt",
    "supervised",
    "labelled",
    "Histogram gradient-boosted trees, logistic / softmax loss, shrinkage and depth (Friedman 2001; XGBoost/LightGBM-style)",
    { nRounds: 200, learningRate: 0.1, maxDepth: 6, minChildWeight: 1, lambda: 1, gamma: 0, subsample: 1, colsample: 1, maxBins: 255, earlyStoppingRounds: 10, ...raw, ...balance },
    (p, rng) => ({
      type: "classifier",
      model: new GradientBoosting(
        { nRounds: p.nRounds, learningRate: p.learningRate, maxDepth: p.maxDepth, minChildWeight: p.minChildWeight, lambda: p.lambda, gamma: p.gamma, subsample: p.subsample, colsample: p.colsample, maxBins: p.maxBins, earlyStoppingRounds: p.earlyStoppingRounds },
        rng,
      ),
    }),
  ),
};

/** The names of the classic models. */
export type ClassicModelName = keyof typeof classicEntries;
