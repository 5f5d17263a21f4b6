import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { sha256 } from "../../io/file-hash.js";
import { checkSealedJson, sealJson } from "../../io/sealed-json.js";
import { resultsPath } from "../../runtime/project.js";
import { SPLIT_NAMES, type SplitFractions } from "../../windows/chronological-split.js";
import { datasetSpecOf, splitDataset } from "../../data/dataset-split.js";
import type { DatasetName, KeyDatasetSplit, KeySplitPart } from "../../data/key-dataset-split.js";

/** A key-dataset split as saved by {@link saveKeyDatasetSplit} (version 2 adds `sha256`, see lib/io/sealed-json.ts). */
interface SavedKeySplit {
  format: "loglab.key-split";
  version: 1 | 2;
  name: DatasetName;
  fingerprint: string;
  maxPerFile: number | null;
  spec: KeyDatasetSplit["spec"];
  perFile: KeyDatasetSplit["perFile"];
  leakage: KeyDatasetSplit["leakage"];
  /** Source files; `file` in parts indexes this list. */
  files: string[];
  parts: Record<"train" | "validation" | "test", { sequences: number[][]; labels: number[]; file: number[]; lineNo: number[]; severities?: number[][] }>;
  /** Raw-log datasets: template text per key and the raw lines of each session. */
  decoding: KeyDatasetSplit["decoding"];
}

/** The fingerprint of a split configuration (the dataset's spec, fractions and maxPerFile). */
export function keySplitFingerprint(name: DatasetName, options: { fractions?: SplitFractions; maxPerFile?: number } = {}): string {
  const { description: _, ...spec } = datasetSpecOf(name);
  return sha256(JSON.stringify({ spec, fractions: options.fractions ?? spec.fractions, maxPerFile: spec.kind === "key-files" ? (options.maxPerFile ?? null) : null })).slice(0, 16);
}

/**
 * Sessions read per key file in the smoke profile, shared by notebooks 04, 05 and 06 so that 05
 * and 06 load the very split 04 saved (a different cut would be a different split, recomputed).
 */
export const SMOKE_SESSIONS_PER_FILE = 200;

/** The `maxPerFile` of the notebooks' key splits in a profile (all sessions in the full profile). */
export function notebookMaxPerFile(profile: "smoke" | "full"): number | undefined {
  return profile === "smoke" ? SMOKE_SESSIONS_PER_FILE : undefined;
}

/** Where notebook 04 saves a split: `results/04-feature-engineering/splits/<name>.json`. */
export function keySplitPath(name: DatasetName, dir: string = resultsPath("04-feature-engineering", "splits")): string {
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
  const part = (p: KeySplitPart): SavedKeySplit["parts"]["train"] => ({ sequences: p.sequences, labels: Array.from(p.labels), file: p.refs.map((r) => fileIndex(r.file)), lineNo: p.refs.map((r) => r.lineNo), ...(p.severities ? { severities: p.severities } : {}) });
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
    decoding: split.decoding,
  };
  const path = keySplitPath(split.name, dir);
  writeJsonAtomic(path, sealJson(saved));
  return path;
}

/**
 * A key-dataset split for notebooks 05–06: notebook 04's saved file when it exists and matches
 * the requested configuration (same files, fractions and `maxPerFile`), else recomputed with
 * {@link splitDataset}. `source` says which; when a file existed but was not used because it is
 * damaged or edited (its checksum does not match), `rejected` says why, so a bad file is never
 * used and never passes unnoticed.
 *
 * @example
 * const { split } = loadKeyDatasetSplit("hdfs-deeplog");
 * const trainNormal = split.train.sequences.filter((_, i) => !split.train.labels[i]);
 */
export function loadKeyDatasetSplit(name: DatasetName, options: { fractions?: SplitFractions; maxPerFile?: number; dir?: string } = {}): { split: KeyDatasetSplit; source: "file" | "computed"; path: string; rejected?: string } {
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
        const part = (p: SavedKeySplit["parts"]["train"]): KeySplitPart => ({ sequences: p.sequences, labels: Uint8Array.from(p.labels), refs: p.file.map((f, i) => ({ file: s.files[f]!, lineNo: p.lineNo[i]! })), ...(p.severities ? { severities: p.severities } : {}) });
        const split: KeyDatasetSplit = { name, spec: s.spec, perFile: s.perFile, leakage: s.leakage, maxPerFile: s.maxPerFile, train: part(s.parts.train), validation: part(s.parts.validation), test: part(s.parts.test), decoding: s.decoding ?? null };
        for (const k of SPLIT_NAMES) if (split[k].sequences.length !== split[k].labels.length) throw new Error(`${path}: ${k} has mismatched sequences and labels`);
        return { split, source: "file", path };
      }
      // another configuration's split: recomputed below (not an error)
    } catch (err) {
      rejected = (err as Error).message;
    }
  }
  return { split: splitDataset(name, { fractions: options.fractions, maxPerFile: options.maxPerFile }), source: "computed", path, ...(rejected ? { rejected } : {}) };
}
