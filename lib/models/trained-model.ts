import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeDirAtomic, writeJsonAtomic } from "../io/atomic-write.js";
import { folderChecksums, verifyFolderChecksums } from "../io/folder-checksums.js";
import { checkSealedJson, sealJson } from "../io/sealed-json.js";
import { checkModelCard } from "./model-card-check.js";
import type { ThresholdPolicy } from "../eval/choose-threshold.js";
import type { BinaryMetrics } from "../eval/confusion.js";
import type { ThresholdSource } from "../eval/threshold-source.js";
import type { Detector, FitReport, SessionSet } from "./detector.js";
import { loadDetector } from "./registry.js";

/** File beside a detector's own files that says what it is and how to decide. */
export const MODEL_CARD = "loglab-model.json";

/** Everything `loglab detect` needs besides the weights: the model name, its params and the threshold chosen at training. */
export interface ModelCard {
  format: "loglab.model";
  /** 2 (written now): with `files` and `sha256`; 1: written before checksums (read, schema-checked only). */
  version: 1 | 2;
  name: string;
  params: unknown;
  /** Anomalous where score > threshold; chosen on validation data at training time. */
  threshold: number;
  thresholdPolicy: ThresholdPolicy;
  /** Metrics on the validation data at that threshold (null when the threshold was fixed without data). */
  validation: BinaryMetrics | null;
  seed: number;
  trainedAt: string;
  /** Training inputs (paths) and counts. */
  training: { files: string[]; sessions: number; normal: number; abnormal: number; validationSessions: number };
  fit: FitReport;
  /** Optional: where the threshold came from (`describeThresholdSource` puts it in words). */
  thresholdSource?: ThresholdSource;
  /** Optional: the log keys seen in training (so `detect`/`evaluate` can count out-of-vocabulary keys for any model). */
  vocabulary?: number[];
  /** Optional: how the validation part was taken and how many of its sessions repeat a fit session. */
  validationSplit?: { fraction: number; normal: number; abnormal: number; repeatsOfFitSessions: number; rule: string };
  /** Version 2: SHA-256 of every file of the detector (paths relative to the folder), checked on load. */
  files?: Record<string, string>;
  /** Version 2: SHA-256 of the card itself (see lib/io/sealed-json.ts), checked on load. */
  sha256?: string;
}

/**
 * The top-level entries a model folder written by {@link saveTrainedDetector} may hold (its card
 * lists them), "any" for a version-1 folder (its card lists no files: it is replaced as before),
 * null when `dir` is not a model folder.
 */
function modelFolderEntries(dir: string): Set<string> | "any" | null {
  try {
    const card = JSON.parse(readFileSync(join(dir, MODEL_CARD), "utf8")) as Partial<ModelCard>;
    if (card.format !== "loglab.model") return null;
    if (card.version === 1) return "any";
    return new Set([MODEL_CARD, "manifest.json", ...Object.keys(card.files ?? {}).map((f) => f.split("/")[0]!)]);
  } catch {
    return null;
  }
}

/**
 * Saves a fitted detector and its card into `dir`, atomically as a whole folder: the detector's
 * own files (model.json + weights.bin, or JSON for classic models) plus `loglab-model.json`
 * (version 2: the SHA-256 of every file, and of the card itself, verified by
 * {@link loadTrainedDetector}), and any `extraJson` files. An existing `dir` is replaced only when it is empty or an earlier
 * model folder holding nothing its card does not list; anything else is an error.
 */
export async function saveTrainedDetector(dir: string, detector: Detector<SessionSet>, card: ModelCard, extraJson: Readonly<Record<string, unknown>> = {}): Promise<void> {
  await writeDirAtomic(
    dir,
    async (tmp) => {
      await detector.save(tmp);
      // Extra files (e.g. raw-input.json: how raw lines become sessions) are checksummed like the rest.
      for (const [name, value] of Object.entries(extraJson)) writeJsonAtomic(join(tmp, name), value);
      const files = folderChecksums(tmp, [MODEL_CARD]);
      writeJsonAtomic(join(tmp, MODEL_CARD), sealJson({ ...card, version: 2, files }));
    },
    {
      replaceIf: (entries) => {
        const known = modelFolderEntries(dir);
        return known === "any" || (known !== null && entries.every((e) => known.has(e)));
      },
    },
  );
}

/**
 * Reads a model card and checks it: clear errors naming the file for a missing, corrupt,
 * unknown-version or ill-typed card; for version 2, the card's own checksum and the checksum of
 * every file it lists (so damaged or swapped weights are an error, not NaN scores).
 */
export function readModelCard(dir: string): ModelCard {
  const path = join(dir, MODEL_CARD);
  if (!existsSync(path)) throw new Error(`${dir} is not a loglab model folder: ${MODEL_CARD} is missing`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  const card = checkModelCard(parsed, path);
  if (card.version === 2) {
    checkSealedJson(card, path);
    verifyFolderChecksums(dir, card.files!, path);
  }
  return card;
}

/** Loads a detector saved by {@link saveTrainedDetector} together with its card; errors name the folder. */
export async function loadTrainedDetector(dir: string): Promise<{ detector: Detector<SessionSet>; card: ModelCard }> {
  const card = readModelCard(dir);
  let detector: Detector<SessionSet>;
  try {
    detector = await loadDetector(card.name, dir);
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(msg.includes(dir) ? msg : `${dir}: could not load the ${card.name} model: ${msg}`);
  }
  return { detector, card };
}
