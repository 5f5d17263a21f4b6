// %% [markdown]
// # 04 · Feature engineering
//
// Builds, describes and saves the feature sets notebooks 05–06 use. Every vocabulary and
// statistic is fit on the **train split only**.
//
// **Splits** (`ll.KEY_DATASET_SPECS`, chronological in file order — the only order these files
// have; checked by `checkSplitLeakage`):
// - `hdfs-deeplog`: `hdfs_train` (normal) and `hdfs_test_abnormal_dev` (abnormal), each split
//   70/10/20 (no normal test file ships, so test normals are the last 20% of `hdfs_train`);
// - `bgl-afalog`: `train` and the labeled pools (normal, abnormal), each split 70/10/20; the dev
//   samples of the held-out test files go to test only.
//
// **Feature sets** per key dataset: event-count matrices (sparse, with an OOV column; loglizer's
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
  /** Sessions read per key file (smoke: the first N; full: all). */
  maxPerFile: number | undefined;
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
  maxPerFile: ll.byProfile<number | undefined>(profile, { smoke: 1000, full: undefined }),
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
const hdfs = ll.splitKeyDataset("hdfs-deeplog", { maxPerFile: config.maxPerFile });
const bgl = ll.splitKeyDataset("bgl-afalog", { maxPerFile: config.maxPerFile });
run.table("splits", [...ll.keySplitRows(hdfs), ...ll.keySplitRows(bgl)], { title: "Splits and duplicates" });
run.table("split-files", ll.keySplitFileRows([hdfs, bgl]), { title: "Sessions per file and split (file order)" });
run.table("leakage", ll.keySplitLeakageRows([hdfs, bgl]), { title: "Leakage check (checkSplitLeakage)" });
const splitFiles = { "hdfs-deeplog": ll.saveKeyDatasetSplit(hdfs, run.path("splits")), "bgl-afalog": ll.saveKeyDatasetSplit(bgl, run.path("splits")) };

// %% [markdown]
// ## Key feature sets
// Count matrices (rows × columns incl. OOV), token rows, next-key windows: all windows vs
// distinct windows and distinct (window, next) pairs — the compression DeepLog trains on.

// %%
const hdfsSets = await run.stopwatch.time("hdfs features", () => ll.buildKeyFeatureSets(hdfs, config.keyFeatures));
const bglSets = await run.stopwatch.time("bgl features", () => ll.buildKeyFeatureSets(bgl, config.keyFeatures));
run.table("key-features", [...ll.keyFeatureRows(hdfsSets), ...ll.keyFeatureRows(bglSets)], { title: "Feature sets per split" });
run.table("key-frequency", ll.keyFrequencyRows([hdfsSets, bglSets]), { title: "Frequent and rare keys (train), unseen keys in test" });
const keyFiles = { "hdfs-deeplog": ll.saveKeyFeatureSets(hdfsSets, run.path("keys")), "bgl-afalog": ll.saveKeyFeatureSets(bglSets, run.path("keys")) };

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
const listing = ll.featureSetManifest([hdfsSets, bglSets], templates, {
  splits: { "hdfs-deeplog": "splits/hdfs-deeplog.json", "bgl-afalog": "splits/bgl-afalog.json" },
  keys: { "hdfs-deeplog": keyFiles["hdfs-deeplog"].map((f) => `keys/${f}`), "bgl-afalog": keyFiles["bgl-afalog"].map((f) => `keys/${f}`) },
  templates: templateFiles,
});
run.json("feature-sets.json", listing);
run.table("feature-sets", ll.featureSetRows(listing), { title: "Saved feature sets (feature-sets.json)" });
const manifest = await run.finish({ inputs: [...hdfs.perFile, ...bgl.perFile].map((f) => `${ll.projectRoot()}/${f.file}`) });
console.log(`wrote ${manifest.outputs.length} entries under ${run.dir} (splits: ${Object.values(splitFiles).join(", ")})`);
