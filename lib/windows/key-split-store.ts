import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { sha256 } from "../io/file-hash.js";
import { checkSealedJson, sealJson } from "../io/sealed-json.js";
import { resultsPath } from "../runtime/project.js";
import { SPLIT_NAMES, type SplitFractions } from "./chronological-split.js";
import { KEY_DATASET_SPECS, splitKeyDataset, type KeyDatasetName, type KeyDatasetSplit, type KeySplitPart } from "./key-dataset-split.js";

/** A key-dataset split as saved by {@link saveKeyDatasetSplit} (version 2 adds `sha256`, see lib/io/sealed-json.ts). */
interface SavedKeySplit {
  format: "loglab.key-split";
  version: 1 | 2;
  name: KeyDatasetName;
  fingerprint: string;
  maxPerFile: number | null;
  spec: KeyDatasetSplit["spec"];
  perFile: KeyDatasetSplit["perFile"];
  leakage: KeyDatasetSplit["leakage"];
  /** Source files; `file` in parts indexes this list. */
  files: string[];
  parts: Record<"train" | "validation" | "test", { sequences: number[][]; labels: number[]; file: number[]; lineNo: number[] }>;
}

/** The fingerprint of a split configuration (spec + fractions + maxPerFile). */
export function keySplitFingerprint(name: KeyDatasetName, options: { fractions?: SplitFractions; maxPerFile?: number } = {}): string {
  const spec = KEY_DATASET_SPECS[name];
  return sha256(JSON.stringify({ files: spec.files, fractions: options.fractions ?? spec.fractions, maxPerFile: options.maxPerFile ?? null })).slice(0, 16);
}

/** Where notebook 04 saves a split: `results/04-feature-engineering/splits/<name>.json`. */
export function keySplitPath(name: KeyDatasetName, dir: string = resultsPath("04-feature-engineering", "splits")): string {
  return join(dir, `${name}.json`);
}

/** Saves a split (sessions, labels, source file and line of each session, leakage report) as JSON with its SHA-256. */
export function saveKeyDatasetSplit(split: KeyDatasetSplit, dir: string = resultsPath("04-feature-engineering", "splits")): string {
  const files: string[] = [];
  const fileIndex = (f: string): number => {
    let i = files.indexOf(f);
    if (i < 0) i = files.push(f) - 1;
    return i;
  };
  const part = (p: KeySplitPart): SavedKeySplit["parts"]["train"] => ({ sequences: p.sequences, labels: Array.from(p.labels), file: p.refs.map((r) => fileIndex(r.file)), lineNo: p.refs.map((r) => r.lineNo) });
  const saved: SavedKeySplit = {
    format: "loglab.key-split",
    version: 2,
    name: split.name,
    fingerprint: keySplitFingerprint(split.name, { fractions: split.spec.fractions, maxPerFile: split.maxPerFile ?? undefined }),
    maxPerFile: split.maxPerFile,
    spec: split.spec,
    perFile: split.perFile,
    leakage: split.leakage,
    files,
    parts: { train: part(split.train), validation: part(split.validation), test: part(split.test) },
  };
  const path = keySplitPath(split.name, dir);
  writeJsonAtomic(path, sealJson(saved));
  return path;
}

/**
 * A key-dataset split for notebooks 05–06: notebook 04's saved file when it exists and matches
 * the requested configuration (same files, fractions and `maxPerFile`), else recomputed with
 * {@link splitKeyDataset}. `source` says which; when a file existed but was not used because it is
 * damaged or edited (its checksum does not match), `rejected` says why, so a bad file is never
 * used and never passes unnoticed.
 *
 * @example
 * const { split } = loadKeyDatasetSplit("hdfs-deeplog");
 * const trainNormal = split.train.sequences.filter((_, i) => !split.train.labels[i]);
 */
export function loadKeyDatasetSplit(name: KeyDatasetName, options: { fractions?: SplitFractions; maxPerFile?: number; dir?: string } = {}): { split: KeyDatasetSplit; source: "file" | "computed"; path: string; rejected?: string } {
  const path = keySplitPath(name, options.dir);
  let rejected: string | undefined;
  if (existsSync(path)) {
    try {
      let s: SavedKeySplit;
      try {
        s = JSON.parse(readFileSync(path, "utf8")) as SavedKeySplit;
      } catch (err) {
        throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
      }
      if (s === null || typeof s !== "object" || s.format !== "loglab.key-split" || (s.version !== 1 && s.version !== 2)) throw new Error(`${path}: not a loglab key split (format ${JSON.stringify(s?.format)}, version ${JSON.stringify(s?.version)})`);
      if (s.version === 2) checkSealedJson(s, path);
      if (s.fingerprint === keySplitFingerprint(name, options)) {
        const part = (p: SavedKeySplit["parts"]["train"]): KeySplitPart => ({ sequences: p.sequences, labels: Uint8Array.from(p.labels), refs: p.file.map((f, i) => ({ file: s.files[f]!, lineNo: p.lineNo[i]! })) });
        const split: KeyDatasetSplit = { name, spec: s.spec, perFile: s.perFile, leakage: s.leakage, maxPerFile: s.maxPerFile, train: part(s.parts.train), validation: part(s.parts.validation), test: part(s.parts.test) };
        for (const k of SPLIT_NAMES) if (split[k].sequences.length !== split[k].labels.length) throw new Error(`${path}: ${k} has mismatched sequences and labels`);
        return { split, source: "file", path };
      }
      // another configuration's split: recomputed below (not an error)
    } catch (err) {
      rejected = (err as Error).message;
    }
  }
  return { split: splitKeyDataset(name, { fractions: options.fractions, maxPerFile: options.maxPerFile }), source: "computed", path, ...(rejected ? { rejected } : {}) };
}
