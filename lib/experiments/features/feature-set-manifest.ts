import type { KeyFeatureSets } from "./key-feature-sets.js";
import type { TemplateFeatureSets } from "./template-feature-sets.js";

/** One saved feature set: what it is, where it is, its shape, and who reads it. */
export interface FeatureSetEntry {
  name: string;
  description: string;
  files: string[];
  shape: string;
  fitOn: string;
  usedBy: string;
}

/**
 * The listing notebook 04 writes as `feature-sets.json`: every saved feature set with its files
 * (relative to the notebook's results folder), shape, what its statistics were fit on and which
 * notebook reads it.
 */
export function featureSetManifest(keySets: readonly KeyFeatureSets[], templates: TemplateFeatureSets | null, files: { splits: Record<string, string>; keys: Record<string, string[]>; templates: string[] }): { format: "loglab.feature-sets"; version: 1; sets: FeatureSetEntry[] } {
  const sets: FeatureSetEntry[] = [];
  for (const k of keySets) {
    const f = files.keys[k.name] ?? [];
    const pick = (prefix: string): string[] => f.filter((p) => p.startsWith(`${k.name}/${prefix}`));
    sets.push({ name: `${k.name}/split`, description: `chronological train/validation/test split (${k.split.spec.description})`, files: [files.splits[k.name] ?? ""], shape: `${k.split.train.sequences.length}/${k.split.validation.sequences.length}/${k.split.test.sequences.length} sessions`, fitOn: "-", usedBy: "05, 06 (loadKeyDatasetSplit)" });
    sets.push({ name: `${k.name}/counts`, description: `event-count matrices (CSR) with an OOV column; loglizer ${k.options.termWeighting} + ${k.options.normalization} statistics in count-transform.json`, files: [...pick("counts-"), ...pick("count-")], shape: `${k.counts.train.matrix.rows}×${k.counts.train.matrix.cols} (train)`, fitOn: "train split", usedBy: "05–06 (loadKeyFeatureSets; the detectors fit their own features on their fit set)" });
    sets.push({ name: `${k.name}/next-key`, description: `DeepLog (window of ${k.options.nextKeyWindow}, next key) pairs, distinct windows and pair counts`, files: pick("next-key-"), shape: `${k.nextKey.train.windowCount} distinct windows / ${k.nextKey.train.totalPairs} (train)`, fitOn: "train split, normal sessions", usedBy: "05–06 (loadKeyFeatureSets; DeepLog indexes its own fit set the same way)" });
    sets.push({ name: `${k.name}/tokens`, description: "token-id rows with [CLS] first, [PAD]=0, unseen keys → [UNK]", files: [...pick("tokens-"), ...pick("token-")], shape: `${k.tokens.train.count}×${k.tokens.train.maxLength} (train)`, fitOn: "train split", usedBy: "BERT-style models (LogBERT)" });
  }
  if (templates) {
    sets.push({ name: "loghub/templates", description: `per-template statistics and frequent/rare flag (rare: < ${templates.rareThreshold} lines in its system)`, files: files.templates.filter((p) => p === "templates/templates.csv"), shape: `${templates.templates.length} templates`, fitOn: "-", usedBy: "05 (7-class classifier), reports" });
    sets.push({ name: "loghub/word-vectors", description: `${templates.embeddings.options.mode} embeddings of template words (seeded)`, files: files.templates.filter((p) => p.endsWith(".vec")), shape: `${templates.embeddings.vectors.size}×${templates.embeddings.vectors.dim}`, fitOn: "all LogHub 2k ground-truth templates", usedBy: "semantic features" });
    sets.push({ name: "loghub/template-vectors", description: "idf-weighted mean word vector per template (row i = templates.csv row i)", files: files.templates.filter((p) => p.includes("template-vectors")), shape: `${templates.templates.length}×${templates.vectors.dim}`, fitOn: "all LogHub 2k ground-truth templates", usedBy: "semantic features" });
  }
  return { format: "loglab.feature-sets", version: 1, sets };
}

/** One row of the feature-set listing. */
export type FeatureSetRow = { name: string; shape: string; "fit on": string; "used by": string; files: number };

/** The listing as display rows (name, shape, what it was fit on, who reads it). */
export function featureSetRows(listing: { sets: readonly FeatureSetEntry[] }): FeatureSetRow[] {
  return listing.sets.map((s) => ({ name: s.name, shape: s.shape, "fit on": s.fitOn, "used by": s.usedBy, files: s.files.length }));
}
