import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { KeyDatasetSplit } from "../../data/key-dataset-split.js";
import { KeyVocabulary, type CountMatrixResult } from "../../features/count-matrix.js";
import { readFeatureArrays } from "../../features/feature-store.js";
import { frequentRareSplit, tallyTemplates } from "../../features/frequent-rare-split.js";
import type { NextKeyIndex, NextKeyPadding } from "../../features/next-key-windows.js";
import { CountTransform } from "../../features/tfidf.js";
import type { TokenIdSequences } from "../../features/token-id-sequences.js";
import { Vocabulary } from "../../features/vocabulary.js";
import { resultsPath } from "../../runtime/project.js";
import { SPLIT_NAMES, type SplitName } from "../../windows/chronological-split.js";
import { buildKeyFeatureSets, resolveKeyFeatureOptions, type KeyFeatureOptions, type KeyFeatureSets } from "./key-feature-sets.js";
import { keySplitFingerprint } from "./key-split-store.js";

/** Where notebook 04 saves the key feature sets: `results/04-feature-engineering/keys/`. */
export function keyFeatureDir(): string {
  return resultsPath("04-feature-engineering", "keys");
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** Reads the sets {@link saveKeyFeatureSets} wrote for `split` under `<dir>/<name>/`. */
function readKeyFeatureSets(split: KeyDatasetSplit, sub: string, options: KeyFeatureSets["options"]): KeyFeatureSets {
  const counts = {} as Record<SplitName, CountMatrixResult>;
  const tokens = {} as Record<SplitName, TokenIdSequences>;
  const nextKey = {} as Record<SplitName, NextKeyIndex>;
  for (const k of SPLIT_NAMES) {
    const c = readFeatureArrays(sub, `counts-${k}`);
    const cm = c.meta as { rows: number; cols: number; oov: CountMatrixResult["oov"] };
    counts[k] = { matrix: { rows: cm.rows, cols: cm.cols, indptr: c.arrays.indptr as Int32Array, indices: c.arrays.indices as Int32Array, values: c.arrays.values as Float64Array }, oovPerRow: c.arrays.oovPerRow as Int32Array, oov: cm.oov };
    const t = readFeatureArrays(sub, `tokens-${k}`);
    const tm = t.meta as { rows: number; maxLength: number; unknownTokens: number; truncated: number };
    tokens[k] = { ids: t.arrays.ids as Int32Array, lengths: t.arrays.lengths as Int32Array, count: tm.rows, maxLength: tm.maxLength, unknownTokens: tm.unknownTokens, truncated: tm.truncated };
    const n = readFeatureArrays(sub, `next-key-${k}`);
    const nm = n.meta as { window: number; padding: NextKeyPadding; padKey: number; windowCount: number; totalPairs: number; sessions: number; distinctSessions: number; sessionsWithoutPairs: number };
    const a = n.arrays as Record<string, Int32Array>;
    nextKey[k] = {
      window: nm.window,
      padding: nm.padding,
      padKey: nm.padKey,
      windows: a.windows!,
      windowCount: nm.windowCount,
      pairWindow: a.pairWindow!,
      pairNext: a.pairNext!,
      pairCount: a.pairCount!,
      sessionOffsets: a.sessionOffsets!,
      sessionPairs: a.sessionPairs!,
      positionOffsets: null,
      positionPairs: null,
      totalPairs: nm.totalPairs,
      sessions: nm.sessions,
      distinctSessions: nm.distinctSessions,
      sessionsWithoutPairs: nm.sessionsWithoutPairs,
    };
    if (counts[k].matrix.rows !== split[k].sequences.length || tokens[k].count !== split[k].sequences.length) throw new Error(`${sub}: ${k} rows do not match the split`);
  }
  return {
    name: split.name,
    split,
    options,
    countVocab: KeyVocabulary.fromJSON(readJson(join(sub, "count-vocabulary.json"))),
    counts,
    transform: CountTransform.fromJSON(readJson(join(sub, "count-transform.json"))),
    tokenVocab: Vocabulary.fromJSON(readJson(join(sub, "token-vocabulary.json"))),
    tokens,
    nextKey,
    // Not saved: recounted from the training sessions (cheap, and the same by construction).
    keyFrequency: frequentRareSplit(tallyTemplates(split.train.sequences.flatMap((s) => s.map(String))), options.rareThreshold),
  };
}

/**
 * The key feature sets of a split for notebooks 05–06: notebook 04's saved files when they were
 * fit on the same split (its fingerprint) with the same options, else recomputed with
 * {@link buildKeyFeatureSets}. `source` says which.
 *
 * @example
 * const { split } = loadKeyDatasetSplit("hdfs-deeplog");
 * const { sets, source } = loadKeyFeatureSets(split, config.keyFeatures);
 */
export function loadKeyFeatureSets(split: KeyDatasetSplit, options: KeyFeatureOptions = {}, dir: string = keyFeatureDir()): { sets: KeyFeatureSets; source: "file" | "computed"; path: string } {
  const sub = join(dir, split.name);
  const wanted = resolveKeyFeatureOptions(split, options);
  if (existsSync(join(sub, "split.json")) && existsSync(join(sub, "options.json"))) {
    try {
      const saved = readJson<{ name: string; fingerprint: string }>(join(sub, "split.json"));
      const savedOptions = readJson<KeyFeatureSets["options"]>(join(sub, "options.json"));
      const fingerprint = keySplitFingerprint(split.name, { fractions: split.spec.fractions, maxPerFile: split.maxPerFile ?? undefined });
      if (saved.name === split.name && saved.fingerprint === fingerprint && JSON.stringify(savedOptions) === JSON.stringify(wanted)) {
        return { sets: readKeyFeatureSets(split, sub, savedOptions), source: "file", path: sub };
      }
    } catch {
      // unreadable or stale: recompute below
    }
  }
  return { sets: buildKeyFeatureSets(split, options), source: "computed", path: sub };
}
