import { join } from "node:path";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { SPLIT_NAMES, type SplitName } from "../../windows/chronological-split.js";
import { duplicateStats } from "../../windows/duplicate-stats.js";
import type { KeyDatasetSplit } from "../../data/key-dataset-split.js";
import { keySplitFingerprint } from "./key-split-store.js";
import { countMatrix, KeyVocabulary, type CountMatrixResult } from "../../features/count-matrix.js";
import { writeFeatureArrays } from "../../features/feature-store.js";
import { tallyTemplates, frequentRareSplit, type FrequentRareSplit } from "../../features/frequent-rare-split.js";
import { indexNextKeyWindows, type NextKeyIndex, type NextKeyPadding } from "../../features/next-key-windows.js";
import { CountTransform, type CountNormalization, type TermWeighting } from "../../features/tfidf.js";
import { buildKeyVocabulary, encodeTokenSequences, type TokenIdSequences } from "../../features/token-id-sequences.js";
import type { Vocabulary } from "../../features/vocabulary.js";

/** Options of {@link buildKeyFeatureSets}. */
export interface KeyFeatureOptions {
  /** Event-count vocabulary: keys in fewer training sessions go to the OOV column (default 1). */
  countMinCount?: number;
  /** loglizer weighting of the count matrix (default tf-idf). */
  termWeighting?: TermWeighting;
  /** loglizer normalisation (default zero-mean). */
  normalization?: CountNormalization;
  /** DeepLog window length (default 10). */
  nextKeyWindow?: number;
  nextKeyPadding?: NextKeyPadding;
  /** Token rows' length (default: the smallest power of two ≥ longest train session + 1, at most 512). */
  tokenMaxLength?: number;
  /** Keys seen in fewer train sessions' positions than this are "rare" (default 10). */
  rareThreshold?: number;
}

/** Every feature set of one key dataset, each fit on its train split only. */
export interface KeyFeatureSets {
  name: string;
  split: KeyDatasetSplit;
  options: Required<Omit<KeyFeatureOptions, "tokenMaxLength">> & { tokenMaxLength: number };
  /** Event-count columns (fit on train). */
  countVocab: KeyVocabulary;
  counts: Record<SplitName, CountMatrixResult>;
  /** tf-idf / zero-mean statistics (fit on train counts). */
  transform: CountTransform;
  /** Token vocabulary with BERT specials (fit on train). */
  tokenVocab: Vocabulary;
  tokens: Record<SplitName, TokenIdSequences>;
  /** DeepLog (window, next key) pairs, deduplicated. Train uses normal sessions only (DeepLog learns normal behaviour). */
  nextKey: Record<SplitName, NextKeyIndex>;
  /** Key occurrences in train, split at `rareThreshold`. */
  keyFrequency: FrequentRareSplit;
}

/**
 * Builds the feature sets notebooks 05–06 use from a key-dataset split: event-count matrices
 * (sparse, OOV column) with loglizer's tf-idf/zero-mean statistics, DeepLog next-key windows with
 * unique-window compression, BERT-style token-id rows, and the frequent/rare key split. Every
 * vocabulary and statistic is fit on the train split only.
 *
 * @example
 * const sets = buildKeyFeatureSets(splitKeyDataset("hdfs-deeplog"));
 * sets.nextKey.train.windowCount; // distinct windows DeepLog trains on
 */
export function buildKeyFeatureSets(split: KeyDatasetSplit, options: KeyFeatureOptions = {}): KeyFeatureSets {
  const train = split.train.sequences;
  const opts = resolveKeyFeatureOptions(split, options);
  const countVocab = KeyVocabulary.fit(train, { minCount: opts.countMinCount });
  const counts = Object.fromEntries(SPLIT_NAMES.map((k) => [k, countMatrix(split[k].sequences, countVocab)])) as Record<SplitName, CountMatrixResult>;
  const transform = CountTransform.fit(counts.train.matrix, { termWeighting: opts.termWeighting, normalization: opts.normalization });
  const tokenVocab = buildKeyVocabulary(train);
  const tokens = Object.fromEntries(SPLIT_NAMES.map((k) => [k, encodeTokenSequences(split[k].sequences, tokenVocab, { maxLength: opts.tokenMaxLength })])) as Record<SplitName, TokenIdSequences>;
  const nk = { window: opts.nextKeyWindow, padding: opts.nextKeyPadding };
  const normalTrain = train.filter((_, i) => !split.train.labels[i]);
  const nextKey = {
    train: indexNextKeyWindows(normalTrain, nk),
    validation: indexNextKeyWindows(split.validation.sequences, nk),
    test: indexNextKeyWindows(split.test.sequences, nk),
  };
  const keyFrequency = frequentRareSplit(tallyTemplates(train.flatMap((s) => s.map(String))), opts.rareThreshold);
  return { name: split.name, split, options: opts, countVocab, counts, transform, tokenVocab, tokens, nextKey, keyFrequency };
}

/** One row of the key-feature table (one split of one dataset). */
export type KeyFeatureRow = {
  dataset: string;
  split: SplitName;
  sessions: number;
  abnormal: number;
  "distinct sessions": number;
  "count matrix": string;
  nonzeros: number;
  "OOV sessions": number;
  "token rows": string;
  "[UNK] tokens": number;
  truncated: number;
  "next-key windows": number;
  "distinct windows": number;
  "distinct (window, next)": number;
  "next-key sessions": "normal only" | "all";
};

/** The options {@link buildKeyFeatureSets} uses for a split: the given ones over the defaults. */
export function resolveKeyFeatureOptions(split: KeyDatasetSplit, options: KeyFeatureOptions = {}): KeyFeatureSets["options"] {
  const longest = split.train.sequences.reduce((m, s) => Math.max(m, s.length), 0);
  let pow = 8;
  while (pow < longest + 1 && pow < 512) pow *= 2;
  return {
    countMinCount: options.countMinCount ?? 1,
    termWeighting: options.termWeighting ?? "tf-idf",
    normalization: options.normalization ?? "zero-mean",
    nextKeyWindow: options.nextKeyWindow ?? 10,
    nextKeyPadding: options.nextKeyPadding ?? "reference",
    tokenMaxLength: options.tokenMaxLength ?? pow,
    rareThreshold: options.rareThreshold ?? 10,
  };
}

/** One row per split describing every feature set (the table notebook 04 shows). */
export function keyFeatureRows(sets: KeyFeatureSets): KeyFeatureRow[] {
  return SPLIT_NAMES.map((k) => {
    const p = sets.split[k];
    const c = sets.counts[k];
    const t = sets.tokens[k];
    const n = sets.nextKey[k];
    return {
      dataset: sets.name,
      split: k,
      sessions: p.sequences.length,
      abnormal: p.labels.reduce((a, b) => a + b, 0),
      "distinct sessions": duplicateStats(p.sequences).distinct,
      "count matrix": `${c.matrix.rows}×${c.matrix.cols}`,
      nonzeros: c.matrix.values.length,
      "OOV sessions": c.oov.sessions,
      "token rows": `${t.count}×${t.maxLength}`,
      "[UNK] tokens": t.unknownTokens,
      truncated: t.truncated,
      "next-key windows": n.totalPairs,
      "distinct windows": n.windowCount,
      "distinct (window, next)": n.pairCount.length,
      "next-key sessions": k === "train" ? "normal only" : "all",
    };
  });
}

/**
 * Saves the feature sets under `<dir>/<name>/`: `counts-<split>.{bin,json}` (CSR arrays and the
 * OOV count per row), `count-vocabulary.json`, `count-transform.json`, `tokens-<split>.{bin,json}`,
 * `token-vocabulary.json`, `next-key-<split>.{bin,json}` (distinct windows, pairs and counts,
 * per-session pairs), `options.json` and `split.json` (the split's fingerprint). Returns the
 * written paths relative to `dir`.
 */
export function saveKeyFeatureSets(sets: KeyFeatureSets, dir: string): string[] {
  const sub = join(dir, sets.name);
  const out: string[] = [];
  const rel = (p: string): string => p.slice(dir.length + 1);
  for (const k of SPLIT_NAMES) {
    const c = sets.counts[k];
    const w = writeFeatureArrays(sub, `counts-${k}`, { indptr: c.matrix.indptr, indices: c.matrix.indices, values: c.matrix.values, oovPerRow: c.oovPerRow, labels: sets.split[k].labels }, { rows: c.matrix.rows, cols: c.matrix.cols, columns: sets.countVocab.columnNames(), layout: "CSR", oov: c.oov });
    const t = sets.tokens[k];
    const wt = writeFeatureArrays(sub, `tokens-${k}`, { ids: t.ids, lengths: t.lengths, labels: sets.split[k].labels }, { rows: t.count, maxLength: t.maxLength, unknownTokens: t.unknownTokens, truncated: t.truncated, specials: sets.tokenVocab.specials });
    const n = sets.nextKey[k];
    const wn = writeFeatureArrays(sub, `next-key-${k}`, { windows: n.windows, pairWindow: n.pairWindow, pairNext: n.pairNext, pairCount: n.pairCount, sessionOffsets: n.sessionOffsets, sessionPairs: n.sessionPairs }, { window: n.window, padding: n.padding, padKey: n.padKey, windowCount: n.windowCount, totalPairs: n.totalPairs, sessions: n.sessions, distinctSessions: n.distinctSessions, sessionsWithoutPairs: n.sessionsWithoutPairs, sessionsUsed: k === "train" ? "normal sessions of the train split" : `all sessions of the ${k} split` });
    out.push(rel(w.json), rel(w.bin), rel(wt.json), rel(wt.bin), rel(wn.json), rel(wn.bin));
  }
  const files: [string, unknown][] = [
    ["count-vocabulary.json", sets.countVocab.toJSON()],
    ["count-transform.json", sets.transform.toJSON()],
    ["token-vocabulary.json", sets.tokenVocab.toJSON()],
    ["options.json", sets.options],
    // Which split the sets were fit on (loadKeyFeatureSets reuses them only for the same split).
    ["split.json", { name: sets.split.name, fingerprint: keySplitFingerprint(sets.split.name, { fractions: sets.split.spec.fractions, maxPerFile: sets.split.maxPerFile ?? undefined }) }],
  ];
  for (const [name, value] of files) {
    writeJsonAtomic(join(sub, name), value);
    out.push(`${sets.name}/${name}`);
  }
  return out;
}

/** One row of the key-frequency table. */
export type KeyFrequencyRow = {
  dataset: string;
  "keys in train": number;
  /** Keys with at least this many training occurrences are frequent. */
  threshold: number;
  frequent: number;
  rare: number;
  "rare occurrences": number;
  "OOV test sessions": number;
  "unseen test keys": string;
};

/** Frequent and rare train keys, and keys unseen in training that test sessions hold, per dataset. */
export function keyFrequencyRows(sets: readonly KeyFeatureSets[]): KeyFrequencyRow[] {
  return sets.map((s) => ({
    dataset: s.name,
    "keys in train": s.keyFrequency.frequent.length + s.keyFrequency.rare.length,
    threshold: s.keyFrequency.threshold,
    frequent: s.keyFrequency.frequent.length,
    rare: s.keyFrequency.rare.length,
    "rare occurrences": s.keyFrequency.rareLines,
    "OOV test sessions": s.counts.test.oov.sessions,
    "unseen test keys": s.counts.test.oov.keys.join(" "),
  }));
}

/**
 * What the feature sets show about a dataset, every number read from them: repeated sessions, keys
 * unseen in training, and DeepLog's compression to distinct (window, next key) pairs.
 */
export function keyFeatureFindings(sets: KeyFeatureSets): string[] {
  const test = sets.split.test.sequences;
  const train = new Set(sets.split.train.sequences.map((s) => s.join(" ")));
  const repeats = test.filter((s) => train.has(s.join(" "))).length;
  const nk = sets.nextKey.train;
  return [
    `${sets.name}: ${test.length ? ((100 * repeats) / test.length).toFixed(1) : "0.0"}% of the test sessions (${repeats} of ${test.length}) repeat a training session exactly; ${sets.counts.test.oov.sessions} test sessions hold one of ${sets.counts.test.oov.keys.length} keys never seen in training.`,
    `${sets.name}: DeepLog's ${nk.totalPairs} training windows are ${nk.pairCount.length} distinct (window, next key) pairs (${nk.windowCount} distinct windows), what it trains on.`,
  ];
}
