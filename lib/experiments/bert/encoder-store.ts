import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import type { EpochRecord } from "../../models/detector.js";
import { modelsPath } from "../../runtime/project.js";
import type { Profile } from "../../runtime/profile.js";
import { loadLogTextEncoder, readLogTextEncoderFile, saveLogTextEncoder, type LogTextEncoder } from "../../models/bert/log-text-encoder.js";
import { pretrainLogTextEncoder, type PretrainEpoch, type PretrainResult } from "./log-text-pretraining.js";

/** Where `loglab pretrain --profile P` writes its encoder: `models/bert-log-encoder-<profile>`. */
export function logTextEncoderDir(profile: Profile): string {
  return modelsPath(`bert-log-encoder-${profile}`);
}

/** A pretraining's loss curve as a training curve (for `trainingCurvesFigure`). */
export function pretrainTrainingCurve(history: readonly PretrainEpoch[], name = "masked-LM pretraining"): { name: string; loss: string; history: EpochRecord[] } {
  return { name, loss: "masked-token cross-entropy", history: history.map((h) => ({ epoch: h.epoch, loss: h.loss, ...(h.valLoss === null ? {} : { valLoss: h.valLoss }), learningRate: h.learningRate, seconds: h.seconds })) };
}

/** Writes a pretraining's encoder and records (loss curve, corpus) into `dir` (what `loglab pretrain` writes, less the run manifest). */
export async function savePretraining(r: PretrainResult, dir: string, profile: Profile): Promise<string[]> {
  const files = await saveLogTextEncoder(r.encoder, dir, { profile, config: r.config, seed: r.seed, corpus: { ...r.corpus, sources: undefined }, seconds: r.seconds, stoppedBecause: r.stoppedBecause, epochs: r.history.length, finalLoss: r.history.at(-1)?.loss ?? null, finalValLoss: r.history.at(-1)?.valLoss ?? null });
  writeJsonAtomic(join(dir, "loss-curve.json"), r.history);
  writeFileAtomic(join(dir, "loss-curve.csv"), ["epoch,train_loss,validation_loss,learning_rate,seconds", ...r.history.map((h) => [h.epoch, h.loss, h.valLoss ?? "", h.learningRate, h.seconds].join(","))].join("\n") + "\n");
  writeJsonAtomic(join(dir, "corpus.json"), r.corpus);
  return [...files, "loss-curve.json", "loss-curve.csv", "corpus.json"];
}

/** What {@link loadOrPretrainLogTextEncoder} returns. */
export interface StoredEncoder {
  encoder: LogTextEncoder;
  dir: string;
  /** `loaded` from an earlier `loglab pretrain` / notebook run, or `pretrained` now (and saved). */
  source: "loaded" | "pretrained";
  history: PretrainEpoch[];
  /** The pretraining record of config.json (corpus, seconds, stop reason). */
  pretraining: Record<string, unknown>;
}

/**
 * The encoder of a profile for notebooks: loaded from `models/bert-log-encoder-<profile>` when a
 * run left one there, else pretrained now (seeded) and saved there, so any notebook can run alone.
 *
 * @example
 * const { encoder, history, source } = await loadOrPretrainLogTextEncoder("smoke", 42);
 */
export async function loadOrPretrainLogTextEncoder(profile: Profile, seed: number, dir: string = logTextEncoderDir(profile)): Promise<StoredEncoder> {
  if (existsSync(join(dir, "config.json"))) {
    const encoder = await loadLogTextEncoder(dir);
    const curve = join(dir, "loss-curve.json");
    const history = existsSync(curve) ? (JSON.parse(readFileSync(curve, "utf8")) as PretrainEpoch[]) : [];
    return { encoder, dir, source: "loaded", history, pretraining: readLogTextEncoderFile(dir).pretraining };
  }
  const r = await pretrainLogTextEncoder({ profile, seed });
  await savePretraining(r, dir, profile);
  return { encoder: r.encoder, dir, source: "pretrained", history: r.history, pretraining: readLogTextEncoderFile(dir).pretraining };
}
