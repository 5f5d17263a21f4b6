import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeDirAtomic, writeJsonAtomic } from "../io/atomic-write.js";
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
  version: 1;
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
}

/**
 * Saves a fitted detector and its card into `dir`, atomically as a whole folder: the detector's
 * own files (model.json + weights.bin, or JSON for classic models) plus `loglab-model.json`.
 */
export async function saveTrainedDetector(dir: string, detector: Detector<SessionSet>, card: ModelCard): Promise<void> {
  await writeDirAtomic(dir, async (tmp) => {
    await detector.save(tmp);
    writeJsonAtomic(join(tmp, MODEL_CARD), card);
  });
}

/** Reads a model card, with clear errors for a missing, corrupt or unknown-version card. */
export function readModelCard(dir: string): ModelCard {
  const path = join(dir, MODEL_CARD);
  if (!existsSync(path)) throw new Error(`${dir} is not a loglab model folder: ${MODEL_CARD} is missing`);
  let card: ModelCard;
  try {
    card = JSON.parse(readFileSync(path, "utf8")) as ModelCard;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (card.format !== "loglab.model") throw new Error(`${path}: format is ${JSON.stringify(card.format)}, expected "loglab.model"`);
  if (card.version !== 1) throw new Error(`${path}: version ${card.version} is not supported (this loglab reads version 1)`);
  return card;
}

/** Loads a detector saved by {@link saveTrainedDetector} together with its card. */
export async function loadTrainedDetector(dir: string): Promise<{ detector: Detector<SessionSet>; card: ModelCard }> {
  const card = readModelCard(dir);
  const detector = await loadDetector(card.name, dir);
  return { detector, card };
}
