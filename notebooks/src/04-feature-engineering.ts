// %% [markdown]
// # 04 · Feature engineering
//
// Builds, describes and saves the splits and feature sets notebooks 05–06 load (they read them
// from `results/04-feature-engineering/`, or recompute them with the same lib calls when this
// notebook has not run, so each still runs alone). Every vocabulary and statistic is fit on the
// **train split only**.
//
// **Splits** (chronological in file order — the only order these files have; checked by
// `checkSplitLeakage`):
// - `hdfs-deeplog`: `hdfs_train` (normal) and `hdfs_test_abnormal_dev` (abnormal), each split
//   70/10/20 (no normal test file ships, so test normals are the last 20% of `hdfs_train`);
// - `bgl-afalog`: `train` and the labeled pools (normal, abnormal), each split 70/10/20; the dev
//   samples of the held-out test files go to test only;
// - `bgl-2k-windows`: LogHub's raw BGL 2k sample, its lines split 70/10/20 in file order and
//   windowed into sessions of 10 lines (anomalous when a line is an alert). Templates are mined on
//   the training lines only; later lines are matched to them. Unlike the two key datasets, whose
//   keys ship without template text, every session here decodes to templates and raw lines.
//
// **Feature sets** per dataset: event-count matrices (sparse, with an OOV column; loglizer's
// tf-idf and zero-mean statistics), DeepLog next-key windows with unique-window compression,
// token-id rows for BERT-style models, and the frequent/rare key split. For the LogHub templates:
// per-template statistics, the frequent/rare split, word embeddings trained on template words and
// template vectors. Everything lands in `results/04-feature-engineering/` with a
// `feature-sets.json` listing and the run manifest.

// %% [markdown]
// ## Configuration

// %%
import * as ll from "./lib/index";

interface FeatureConfig {
  profile: ll.Profile;
  seed: number;
  /** Sessions read per key file (smoke: the first N, the same N 05 and 06 load; full: all). The raw-log dataset is always whole. */
  maxPerFile: number | undefined;
  /** The datasets split here (05 and 06 load them). */
  datasets: ll.DatasetName[];
  keyFeatures: ll.KeyFeatureOptions;
  /** Word-embedding options (skip-gram or CBOW with negative sampling). */
  embedding: ll.WordEmbeddingOptions;
  /** Templates with fewer lines (in their system) are rare. */
  rareThreshold: number;
  /** A local GloVe/fastText text file (LOGLAB_WORD_VECTORS); none ships, nothing is downloaded. */
  pretrainedVectors: string | null;
  /** Words whose nearest neighbours are shown. */
  probes: string[];
}
const profile = ll.resolveProfile();
const config: FeatureConfig = {
  profile,
  seed: 42,
  maxPerFile: ll.notebookMaxPerFile(profile),
  datasets: ["hdfs-deeplog", "bgl-afalog", "bgl-2k-windows"],
  keyFeatures: { countMinCount: 1, termWeighting: "tf-idf", normalization: "zero-mean", nextKeyWindow: 10, nextKeyPadding: "reference", rareThreshold: 10 },
  embedding: { mode: "skipgram", dim: 32, window: 4, negative: 5, epochs: ll.byProfile(profile, { smoke: 15, full: 30 }) },
  rareThreshold: 10,
  pretrainedVectors: process.env.LOGLAB_WORD_VECTORS ?? null,
  probes: ["failed", "block", "connection", "memory", "interrupt", "session", "error"],
};
const run = ll.startRun("04-feature-engineering", config, config.seed);

// %% [markdown]
// ## Chronological splits
// Sessions per split, distinct sessions, identical sessions labeled both ways, and how many
// validation/test sessions repeat a train session (allowed for these data sets, and counted).

// %%
const hdfs = ll.splitDataset("hdfs-deeplog", { maxPerFile: config.maxPerFile });
const bgl = ll.splitDataset("bgl-afalog", { maxPerFile: config.maxPerFile });
const bglRaw = ll.splitDataset("bgl-2k-windows");
run.table("splits", [...ll.keySplitRows(hdfs), ...ll.keySplitRows(bgl), ...ll.keySplitRows(bglRaw)], { title: "Splits and duplicates" });
run.table("split-files", ll.keySplitFileRows([hdfs, bgl, bglRaw]), { title: "Sessions per file and split (file order)" });
run.table("leakage", ll.keySplitLeakageRows([hdfs, bgl, bglRaw]), { title: "Leakage check (checkSplitLeakage)" });
const splitFiles = [hdfs, bgl, bglRaw].map((s) => ll.saveKeyDatasetSplit(s, run.path("splits")));

// %% [markdown]
// ### A raw-log session, decoded
// The first test session of `bgl-2k-windows`: each line's key, its template (mined on the
// training lines) and the raw line. Notebooks 05–06 trace flagged sessions the same way.

// %%
run.table("bgl-2k-windows-first-test-session", ll.traceSessionRows(bglRaw, "test", 0), { title: "bgl-2k-windows: test session 0, line by line" });

// %% [markdown]
// ## Key feature sets
// Count matrices (rows × columns incl. OOV), token rows, next-key windows: all windows vs
// distinct windows and distinct (window, next) pairs — the compression DeepLog trains on.

// %%
const hdfsSets = await run.stopwatch.time("hdfs features", () => ll.buildKeyFeatureSets(hdfs, config.keyFeatures));
const bglSets = await run.stopwatch.time("bgl features", () => ll.buildKeyFeatureSets(bgl, config.keyFeatures));
const bglRawSets = await run.stopwatch.time("bgl-2k-windows features", () => ll.buildKeyFeatureSets(bglRaw, config.keyFeatures));
const keySets = [hdfsSets, bglSets, bglRawSets];
run.table("key-features", keySets.flatMap((s) => ll.keyFeatureRows(s)), { title: "Feature sets per split" });
run.table("key-frequency", ll.keyFrequencyRows(keySets), { title: "Frequent and rare keys (train), unseen keys in test" });
const keyFiles = keySets.map((s) => ll.saveKeyFeatureSets(s, run.path("keys")));

// %% [markdown]
// ## Template feature sets (LogHub 2k)
// Per-template statistics, the frequent/rare split, and word embeddings trained on the words of
// all 1,363 ground-truth templates (seeded; the same seed gives the same vectors).

// %%
const templates = await run.stopwatch.time("template features", () => ll.buildTemplateFeatureSets(new ll.Rng(config.seed), { rareThreshold: config.rareThreshold, embedding: config.embedding, weighting: "idf", pretrainedPath: config.pretrainedVectors }));
run.table("template-features", ll.templateFeatureRows(templates), { title: "Template statistics per system" });
run.table("embedding-neighbours", ll.embeddingNeighbourRows(templates, config.probes), { title: `Nearest words (${templates.embeddings.options.mode}, ${templates.embeddings.vectors.size} words × ${templates.embeddings.vectors.dim})` });
const templateFiles = ll.saveTemplateFeatureSets(templates, run.path("templates")).map((f) => `templates/${f}`);

// %% [markdown]
// ## Listing and manifest

// %%
const listing = ll.featureSetManifest(keySets, templates, {
  splits: Object.fromEntries(keySets.map((s) => [s.name, `splits/${s.name}.json`])),
  keys: Object.fromEntries(keySets.map((s, i) => [s.name, keyFiles[i]!.map((f) => `keys/${f}`)])),
  templates: templateFiles,
});
run.json("feature-sets.json", listing);
run.table("feature-sets", ll.featureSetRows(listing), { title: "Saved feature sets (feature-sets.json)" });

// %% [markdown]
// ## Findings
// Read from the splits and feature sets above.

// %%
const findings = ll.findingsMarkdown("Findings", keySets.flatMap((s) => ll.keyFeatureFindings(s)));
run.text("findings.md", findings);
ll.showMarkdown(findings);
const manifest = await run.finish({ inputs: [...hdfs.perFile, ...bgl.perFile, ...bglRaw.perFile].map((f) => `${ll.projectRoot()}/${f.file}`) });
console.log(`wrote ${manifest.outputs.length} entries under ${run.dir} (splits: ${splitFiles.join(", ")})`);
