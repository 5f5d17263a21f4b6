// %% [markdown]
// # 05 · Classic detectors, evaluated honestly
//
// loglizer's baselines (PCA, Invariants Mining, LogClustering, Isolation Forest, logistic
// regression, linear SVM, decision tree) plus random forest, histogram gradient boosting and a
// keyword rule ("why not just grep for ERROR?"), all behind one `Detector` contract, chosen by
// name from the registry (a misspelt model or parameter in the config cell does not compile).
// Four experiments: 1. HDFS block sessions (`hdfs-deeplog`), 2. BGL key sequences
// (`bgl-afalog`), 3. BGL raw lines in 10-line windows (`bgl-2k-windows`: every detection traced
// to its raw lines), 4. the 7-class LogHub task (labels from notebook 02), with and without SMOTE.
//
// **Protocol (every session dataset).** The splits are notebook 04's (loaded from
// `results/04-feature-engineering/`, recomputed by the same lib call when 04 has not run): each
// file in file order, 70% train / 10% validation / 20% test.
// - Each model fits on the **fit set its registry entry declares**: the train normals for the
//   unsupervised and semi-supervised detectors (PCA, IM, LogClustering, Isolation Forest, the
//   keyword rule), the labelled train part for the supervised ones; the "iforest (unlabelled
//   train)" row overrides it with the whole train part, labels removed (loglizer's setting);
// - every threshold is the max-F1 point **on validation**; hyperparameters are the registry's
//   defaults (no tuning on test);
// - the test part is scored once, after the threshold is fixed, and reported over all sessions,
//   over distinct sessions (HDFS repeats identical sessions massively) and over the sessions
//   **never seen in training** (their exact sequence is not in the train part): the honest view
//   where a detector cannot have memorised the answer.
//
// No `hdfs_test_normal` ships, so HDFS test normals are the last 20% of `hdfs_train`.

// %% [markdown]
// ## Configuration

// %%
import * as ll from "./lib/index";

interface ClassicConfig {
  profile: ll.Profile;
  seed: number;
  /** Sessions per key file (smoke: the cut notebook 04 saved; full: all). */
  maxPerFile: number | undefined;
  /** Detectors run on every session dataset (registry names; parameters over the defaults, typed). */
  models: ll.ExperimentModel[];
  /** Distinct sessions shown per inspection table. */
  inspectTop: number;
  /** 7-class task: lines per LogHub system (null: all 2,000), models, search, SMOTE share. */
  sevenClass: { maxLinesPerSystem: number | null; models: ll.LogClassModelName[]; search: { nIter: number; folds: number } | null; smoteRatio: number; maxTokens: number };
}
const profile = ll.resolveProfile();
const config: ClassicConfig = {
  profile,
  seed: 42,
  maxPerFile: ll.notebookMaxPerFile(profile),
  models: [
    { model: "pca" },
    { model: "invariants-mining" },
    { model: "log-clustering" },
    { model: "iforest", params: ll.byProfile(profile, { smoke: { nEstimators: 30 }, full: {} }) },
    { model: "iforest", label: "iforest (unlabelled train)", fitSet: "unlabelled", params: ll.byProfile(profile, { smoke: { nEstimators: 30 }, full: {} }) },
    { model: "keyword" },
    { model: "logistic-regression" },
    { model: "linear-svm" },
    { model: "decision-tree" },
    { model: "random-forest", params: ll.byProfile(profile, { smoke: { nEstimators: 20 }, full: {} }) },
    { model: "gbdt", params: ll.byProfile(profile, { smoke: { nRounds: 30 }, full: {} }) },
    { model: "gbdt", label: "gbdt + SMOTE", params: ll.byProfile<{ nRounds?: number; balance: "smote" }>(profile, { smoke: { nRounds: 30, balance: "smote" }, full: { balance: "smote" } }) },
  ],
  inspectTop: 5,
  sevenClass: {
    maxLinesPerSystem: ll.byProfile(profile, { smoke: 150, full: null }),
    models: ["logistic-regression", "linear-svm", "decision-tree", "random-forest", "gbdt"],
    search: ll.byProfile(profile, { smoke: null, full: { nIter: 3, folds: 3 } }),
    smoteRatio: 0.25,
    maxTokens: ll.byProfile(profile, { smoke: 150, full: 300 }),
  },
};
const run = ll.startRun("05-classic-models", config, config.seed);
run.table("models", ll.describeModels([...new Set(config.models.map((m) => m.model))]), { title: "Detectors (registry: family, supervision, the fit set each is trained on)" });

// %% [markdown]
// ## 1 · HDFS sessions
// Notebook 04's split (or the same split recomputed) and its key features; "repeat a train
// session" counts validation/test sessions whose exact key sequence also occurs in train
// (expected for HDFS normals; reported, not hidden).

// %%
const hdfs = ll.loadKeyDatasetSplit("hdfs-deeplog", { maxPerFile: config.maxPerFile });
const hdfsFeatures = ll.loadKeyFeatureSets(hdfs.split);
run.table("hdfs-inputs", [{ input: "split", source: hdfs.source, path: hdfs.path }, { input: "key features", source: hdfsFeatures.source, path: hdfsFeatures.path }], { title: "HDFS inputs: notebook 04's files, or recomputed" });
run.table("hdfs-split", ll.keySplitRows(hdfs.split), { title: "HDFS split (file order 70/10/20)" });
run.table("hdfs-key-frequency", ll.keyFrequencyRows([hdfsFeatures.sets]), { title: "HDFS keys: frequent and rare in train, unseen in test" });

// %%
const hdfsResults = await run.stopwatch.time("hdfs", () => ll.runDetectionExperiment({ split: hdfs.split, models: config.models, seed: config.seed }));
const hdfsTable = run.table("hdfs-results", ll.loglizerComparisonRows(hdfsResults), { title: "HDFS test (threshold: max F1 on validation): all, distinct and unseen sessions" });

// %% [markdown]
// The last column is loglizer's published HDFS F1 (LR .933, DT .998, SVM .965, IF .802, PCA .769,
// IM .915, LogClustering .837): **a different split** (the full 575k-session HDFS log parsed by
// loglizer, supervised models on a 50/50 labelled split), shown for orientation only.
// Isolation Forest is the one model that needs anomalies in its training data: fit on normals
// only, a key that never occurs in a normal session is a constant column, which no isolation
// tree can split on, so the forest is blind to exactly the keys that mark HDFS anomalies; fit on
// the unlabelled train part (loglizer's setting) it sees them vary and isolates them.
// "F1 @ own threshold" uses the model's paper threshold (PCA's Q-statistic, LogClustering's
// distance, IM's "any violation", IF's contamination quantile, any keyword hit) instead.
//
// `hdfsTable` is an arquero table: a cell can filter, group or join it. Here, the models ranked
// by F1 on the sessions never seen in training:

// %%
run.table("hdfs-unseen-ranking", hdfsTable.orderby(ll.aq.desc("F1 unseen")).select("model", "fit set", "F1", "F1 unseen", "R unseen", "FP unseen", "unseen sessions", "unseen abnormal"), { title: "HDFS: ranked by F1 on test sessions never seen in training" });

// %%
await run.figure(ll.rocCurvesFigure(ll.scoredSeriesOf(hdfsResults, hdfs.split.test.labels), "HDFS test: ROC"), "hdfs-roc");
await run.figure(ll.prCurvesFigure(ll.scoredSeriesOf(hdfsResults, hdfs.split.test.labels), "HDFS test: precision–recall"), "hdfs-pr");
await run.figure(ll.scoreHistogramFigure(ll.scoreHistogramSeriesOf(hdfsResults, hdfs.split.test.labels), "HDFS test scores: normal vs anomalous (threshold from validation)", { logCount: true }), "hdfs-score-histograms");
const hdfsBest = ll.bestBy(hdfsResults, (r) => r.test.all.f1);
await run.figure(ll.confusionHeatmapFigure(ll.binaryConfusionMatrix(hdfsBest.test.all), ["normal", "anomalous"], `HDFS test: ${hdfsBest.label} (best F1)`), "hdfs-confusion");
await run.figure(ll.thresholdSweepFigure(hdfsBest.choice.curve, hdfsBest.threshold, `HDFS validation sweep: ${hdfsBest.label}`), "hdfs-threshold-sweep");

// %% [markdown]
// ### What the best model flags, and what it misses
// Distinct test sessions (with how many copies), their keys and where they are in the key file.
// DeepLog's HDFS keys ship without template text, so a session is shown as its keys and traced to
// its line in the key file (section 3 decodes raw-log sessions to templates and raw lines).

// %%
const hdfsSeen = ll.inspectSessions(hdfsBest, hdfs.split, { top: config.inspectTop });
run.table("hdfs-flagged", hdfsSeen.flagged, { title: `HDFS · ${hdfsSeen.model}: top flagged test sessions (threshold ${hdfsSeen.threshold})` });
run.table("hdfs-false-positives", hdfsSeen.falsePositives, { title: `HDFS · ${hdfsSeen.model}: false positives` });
run.table("hdfs-false-negatives", hdfsSeen.falseNegatives, { title: `HDFS · ${hdfsSeen.model}: false negatives (lowest score first)` });
run.table("hdfs-false-negative-trace", ll.traceSessionRows(hdfs.split, "test", hdfsSeen.falseNegatives[0]?.session), { title: "HDFS: the first false negative in its file" });

// %% [markdown]
// ## 2 · BGL sequences
// Train = AFALog's normal `train` file plus the first 70% of both labelled pools; the dev samples
// of the held-out test files go to test only.

// %%
const bgl = ll.loadKeyDatasetSplit("bgl-afalog", { maxPerFile: config.maxPerFile });
const bglFeatures = ll.loadKeyFeatureSets(bgl.split);
run.table("bgl-inputs", [{ input: "split", source: bgl.source, path: bgl.path }, { input: "key features", source: bglFeatures.source, path: bglFeatures.path }], { title: "BGL inputs" });
run.table("bgl-split", ll.keySplitRows(bgl.split), { title: "BGL split" });
const bglResults = await run.stopwatch.time("bgl", () => ll.runDetectionExperiment({ split: bgl.split, models: config.models, seed: config.seed }));
run.table("bgl-results", ll.detectionRows(bglResults), { title: "BGL test (threshold: max F1 on validation): all, distinct and unseen sessions" });

// %%
await run.figure(ll.rocCurvesFigure(ll.scoredSeriesOf(bglResults, bgl.split.test.labels), "BGL test: ROC"), "bgl-roc");
await run.figure(ll.prCurvesFigure(ll.scoredSeriesOf(bglResults, bgl.split.test.labels), "BGL test: precision–recall"), "bgl-pr");
await run.figure(ll.scoreHistogramFigure(ll.scoreHistogramSeriesOf(bglResults, bgl.split.test.labels), "BGL test scores: normal vs anomalous (threshold from validation)", { logCount: true }), "bgl-score-histograms");
const bglBest = ll.bestBy(bglResults, (r) => r.test.all.f1);
await run.figure(ll.confusionHeatmapFigure(ll.binaryConfusionMatrix(bglBest.test.all), ["normal", "anomalous"], `BGL test: ${bglBest.label} (best F1)`), "bgl-confusion");
await run.figure(ll.thresholdSweepFigure(bglBest.choice.curve, bglBest.threshold, `BGL validation sweep: ${bglBest.label}`), "bgl-threshold-sweep");

// %%
const bglSeen = ll.inspectSessions(bglBest, bgl.split, { top: config.inspectTop });
run.table("bgl-flagged", bglSeen.flagged, { title: `BGL · ${bglSeen.model}: top flagged test sessions` });
run.table("bgl-false-positives", bglSeen.falsePositives, { title: `BGL · ${bglSeen.model}: false positives` });
run.table("bgl-false-negatives", bglSeen.falseNegatives, { title: `BGL · ${bglSeen.model}: false negatives (lowest score first)` });

// %% [markdown]
// ## 3 · BGL raw lines, windowed (every detection traced to its raw lines)
// `bgl-2k-windows`: LogHub's BGL 2k sample, 10-line windows, a window anomalous when one of its
// lines is an alert (140 / 20 / 40 windows). Small, so its numbers are noisy; it is here so each
// flagged, false-positive and false-negative session can be read as templates and raw lines.

// %%
const bglRaw = ll.loadKeyDatasetSplit("bgl-2k-windows");
run.table("bgl-2k-windows-split", ll.keySplitRows(bglRaw.split), { title: `bgl-2k-windows split (${bglRaw.source === "file" ? "notebook 04's file" : "recomputed"})` });
const rawResults = await run.stopwatch.time("bgl-2k-windows", () => ll.runDetectionExperiment({ split: bglRaw.split, models: config.models, seed: config.seed }));
run.table("bgl-2k-windows-results", ll.detectionRows(rawResults), { title: "bgl-2k-windows test (threshold: max F1 on validation)" });
await run.figure(ll.scoreHistogramFigure(ll.scoreHistogramSeriesOf(rawResults, bglRaw.split.test.labels), "bgl-2k-windows test scores: normal vs anomalous", { logCount: true }), "bgl-2k-windows-score-histograms");

// %%
const rawBest = ll.bestBy(rawResults, (r) => r.test.all.f1);
const rawSeen = ll.inspectSessions(rawBest, bglRaw.split, { top: config.inspectTop });
run.table("bgl-2k-windows-flagged", rawSeen.flagged, { title: `bgl-2k-windows · ${rawSeen.model}: top flagged windows, decoded to templates` });
run.table("bgl-2k-windows-false-positives", rawSeen.falsePositives, { title: `bgl-2k-windows · ${rawSeen.model}: false positives` });
run.table("bgl-2k-windows-false-negatives", rawSeen.falseNegatives, { title: `bgl-2k-windows · ${rawSeen.model}: false negatives` });
run.table("bgl-2k-windows-false-positive-trace", ll.traceSessionRows(bglRaw.split, "test", rawSeen.falsePositives[0]?.session), { title: "The first false positive, line by line (raw log)" });
run.table("bgl-2k-windows-false-negative-trace", ll.traceSessionRows(bglRaw.split, "test", rawSeen.falseNegatives[0]?.session), { title: "The first false negative, line by line (raw log)" });

// %% [markdown]
// ## 4 · Seven classes on the LogHub samples
// Labels: notebook 02's rule-based labeler (read from `results/02-labeling/labels/`, recomputed
// when missing). Features: tf-idf of the tokens of each line's ground-truth template. Split **by
// template** (a test line's template never occurs in training), 60/20/20 of the lines. Random
// search with group k-fold CV inside training only; SMOTE on training rows only. The classifiers
// are the registry's (one set of defaults; GBDT stops early on validation). The labels are rule
// outputs, so this measures how well a model generalises the rules to unseen templates.

// %%
const seven = ll.buildLogClassDataset({ seed: config.seed, maxTokens: config.sevenClass.maxTokens, ...(config.sevenClass.maxLinesPerSystem === null ? {} : { maxLinesPerSystem: config.sevenClass.maxLinesPerSystem }) });
run.table("seven-class-split", ll.logClassSplitRows(seven), { title: "7-class split by template" });
run.table("seven-class-label-sources", seven.labelSources, { show: false });

// %%
const sevenResults = await run.stopwatch.time("seven-class", () => ll.runLogClassExperiment(seven, { models: config.sevenClass.models, smote: [false, true], seed: config.seed, search: config.sevenClass.search, smoteRatio: config.sevenClass.smoteRatio }));
run.table("seven-class-results", ll.logClassResultRows(sevenResults), { title: "7-class test: macro F1 with and without SMOTE" });
const sevenKeyword = ll.keywordBaselineRow(seven);
run.table("seven-class-keyword", [sevenKeyword], { title: "Keyword baseline (binary: any issue class vs normal)" });

// %%
const sevenBest = ll.bestBy(sevenResults, (r) => r.test.macro.f1);
run.table("seven-class-report", ll.classReportRows(sevenBest), { title: `Per-class test report: ${sevenBest.model}${sevenBest.smote ? " + SMOTE" : ""}` });
await run.figure(ll.confusionHeatmapFigure(sevenBest.confusion.counts, sevenBest.confusion.classes, `7-class test: ${sevenBest.model}${sevenBest.smote ? " + SMOTE" : ""}`), "seven-class-confusion", { height: 640 });
await run.figure(ll.modelComparisonFigure(sevenResults.map((r) => ({ model: `${r.model}${r.smote ? "+SMOTE" : ""}`, value: r.test.macro.f1 })), "test macro F1", "7-class: test macro F1 by model"), "seven-class-macro-f1");

// %% [markdown]
// ## Leaderboard
// This notebook's test F1 per model and dataset, saved as `leaderboard.json` (and the unseen
// view as `leaderboard-unseen.json`); notebook 06 draws them with its own, and later model
// notebooks add theirs.

// %%
const leaderboard = [...ll.leaderboardEntries("HDFS", hdfsResults, "05 classic"), ...ll.leaderboardEntries("BGL", bglResults, "05 classic"), ...ll.leaderboardEntries("BGL 2k windows", rawResults, "05 classic")];
const leaderboardUnseen = [...ll.leaderboardEntries("HDFS", hdfsResults, "05 classic", "unseen"), ...ll.leaderboardEntries("BGL", bglResults, "05 classic", "unseen"), ...ll.leaderboardEntries("BGL 2k windows", rawResults, "05 classic", "unseen")];
run.json(ll.LEADERBOARD_FILES.all, ll.leaderboardFile(leaderboard, config.profile));
run.json(ll.LEADERBOARD_FILES.unseen, ll.leaderboardFile(leaderboardUnseen, config.profile));
await run.figure(ll.leaderboardFigure(leaderboard, "05 · test F1 by model and dataset"), "leaderboard");
await run.figure(ll.leaderboardFigure(leaderboardUnseen, "05 · test F1 on sessions never seen in training", { metric: "test F1 (unseen sessions)" }), "leaderboard-unseen");

// %% [markdown]
// ## Findings
// Every number below is read from the results above (nothing typed in).

// %%
const findings = ll.findingsMarkdown("Findings", [
  ...ll.detectionFindings("HDFS", hdfsResults),
  ...ll.detectionFindings("BGL", bglResults),
  ...ll.detectionFindings("BGL 2k windows", rawResults),
  ...ll.logClassFindings(sevenResults, sevenKeyword),
]);
run.text("findings.md", findings);
ll.showMarkdown(findings);

// %%
ll.disposeResults([...hdfsResults, ...bglResults, ...rawResults]);
const manifest = await run.finish({ inputs: [...hdfs.split.perFile, ...bgl.split.perFile, ...bglRaw.split.perFile].map((f) => ll.projectRoot() + "/" + f.file) });
console.log(`wrote ${run.dir}: ${manifest.outputs.length} files`);
