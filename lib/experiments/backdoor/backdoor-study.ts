/**
 * The backdoor study (Cheng, Xu, Yuan, "Backdoor Attack against Log Anomaly Detection Models",
 * WWW'25 companion) on one key dataset, for DeepLog or LogBERT: a benign model, a backdoored one
 * (clean-label [H, P, T] triggers, τ-gated objective), optionally plain poisoning (the same
 * triggers, the model's own objective: the public code's packaged trainer) and the n-gram
 * regularity defence (drop sessions holding anomalously regular n-grams, retrain with the
 * attacker's objective). Every model's threshold is chosen on clean validation data (the
 * defender's view) by the one chooser: max F1 when validation holds anomalies, else the model's
 * own (DeepLog miss-share: the public code's 10%), else at most 1% of validation normals flagged
 * (LogBERT's r).
 */
import { backdoorMetrics, type BackdoorMetrics } from "../../attacks/backdoor/backdoor-metrics.js";
import type { BackdoorTarget } from "../../attacks/backdoor/backdoor-target.js";
import { deepLogBackdoorTarget } from "../../attacks/backdoor/deeplog-backdoor.js";
import { NGRAM_REGULARITY_DEFAULTS, ngramRegularityFilter, type RegularNgram } from "../../attacks/backdoor/ngram-regularity-filter.js";
import { poisonSessions, type PoisonOptions } from "../../attacks/backdoor/poison-sessions.js";
import { chooseAttackSequence, chooseTrigger, keyBank, type BackdoorTrigger } from "../../attacks/backdoor/trigger.js";
import type { Detector, SessionSet } from "../../models/detector.js";
import type { DeepLogParams } from "../../models/sequence/deeplog.js";
import type { LogBertParams } from "../../models/bert/logbert.js";
import { logBertBackdoorTarget } from "../../attacks/backdoor/logbert-backdoor.js";
import { Rng } from "../../runtime/rng.js";
import { chooseDetectorThreshold } from "../detection/choose-detector-threshold.js";
import type { LabelledSessions } from "../detection/experiment-model.js";

/**
 * DeepLog's settings in the study: start padding (every key judged, the first `window` keys of a
 * session included: with left padding they are context only, and the trigger inserted after a
 * session's first key, or M in the control, hides there) and the miss-count session
 * rule, its g chosen on validation when validation holds anomalies (else 9), its threshold r there
 * too (max F1, or ≤ 1% of validation normals flagged). The public code's rule (the share of missed
 * windows above 10% at g = 9) is `sessionRule: "miss-share"`: on BGL it leaves the benign model at
 * F1 ≈ 0.6–0.8 (notebook 08 and `loglab backdoor --session-rule miss-share` show it).
 */
export const BACKDOOR_DEEPLOG_DEFAULTS: Partial<DeepLogParams> = { padding: "start", sessionRule: "miss-count", topGChoice: "validation", topG: 9, missShare: 0.1 };

/** The models the study attacks. */
export type BackdoorModel = "deeplog" | "logbert";

/**
 * LogBERT's settings in the study: the reference code's BGL mask ratio (0.5), g chosen on validation
 * when it holds anomalies (else the reference's 15), a size that trains on one wasm thread (the
 * notebooks and the benchmark say which they use).
 */
export const BACKDOOR_LOGBERT_DEFAULTS: Partial<LogBertParams> = { hiddenSize: 64, blocks: 2, heads: 4, ffnDim: 128, maskRatio: 0.5, topG: 15, topGChoice: "validation", maxLength: 128, epochs: 20 };

/** The study's settings. */
export interface BackdoorStudyConfig {
  seed: number;
  /** The attacked model (the target built by {@link backdoorTarget}). */
  model: BackdoorModel;
  deeplog: Partial<DeepLogParams>;
  logbert: Partial<LogBertParams>;
  poison: PoisonOptions;
  /** λ of L' = (1 − τ)·L + λ·τ·L_t. */
  lambda: number;
  /** Keys in H and in T. */
  triggerLength: number;
  /** Keys in M (the placeholder P). */
  attackLength: number;
  /** Last share of the normal training file held out for validation (threshold, early stopping). */
  validationFraction: number;
  /** Use only the first N normal training sessions (quick and smoke runs; null: all). */
  maxTrainSessions: number | null;
  plainPoisoning: boolean;
  defence: boolean;
}

export const BACKDOOR_STUDY_DEFAULTS: BackdoorStudyConfig = {
  seed: 1,
  model: "deeplog",
  deeplog: BACKDOOR_DEEPLOG_DEFAULTS,
  logbert: BACKDOOR_LOGBERT_DEFAULTS,
  poison: { ratio: 0.1, minLength: 10, every: 50 },
  lambda: 1,
  triggerLength: 3,
  attackLength: 5,
  validationFraction: 0.2,
  maxTrainSessions: null,
  plainPoisoning: true,
  defence: true,
};

/** The study's data: normal training sessions, the clean test sets, optional labelled validation anomalies. */
export interface BackdoorData {
  train: readonly (readonly number[])[];
  testNormal: readonly (readonly number[])[];
  testAbnormal: readonly (readonly number[])[];
  /** Abnormal sessions for the threshold choice (never test sessions); without them each model's own threshold is used. */
  validationAbnormal?: readonly (readonly number[])[];
}

/** The defence's outcome. */
export interface DefenceResult extends BackdoorMetrics {
  flagged: RegularNgram[];
  droppedSessions: number;
  droppedPoisoned: number;
  poisonedSessions: number;
  /** Poisoned sessions holding two triggers or more: the only ones whose trigger can recur at a fixed spacing, which the defence looks for. */
  recurringTriggerSessions: number;
}

/** Everything the study measured, and the fitted benign and backdoored models (the caller disposes them). */
export interface BackdoorStudyResult {
  model: string;
  trigger: BackdoorTrigger;
  config: BackdoorStudyConfig;
  trainSessions: number;
  validationSessions: { normal: number; abnormal: number };
  poisonedSessions: number;
  benign: BackdoorMetrics;
  backdoored: BackdoorMetrics;
  plainPoisoning: BackdoorMetrics | null;
  defence: DefenceResult | null;
  seconds: number;
  detectors: { benign: Detector<SessionSet>; backdoored: Detector<SessionSet> };
}

/** The trigger of a study: H and T from the key bank of the training normals, M from the test anomalies' keys outside it. */
export function studyTrigger(train: readonly (readonly number[])[], abnormal: readonly (readonly number[])[], config: Pick<BackdoorStudyConfig, "seed" | "triggerLength" | "attackLength">): BackdoorTrigger {
  const rng = new Rng(config.seed).fork("backdoor-trigger");
  const bank = keyBank(train);
  const attack = chooseAttackSequence(abnormal, bank, config.attackLength, rng.fork("attack"));
  return chooseTrigger(bank, config.triggerLength, attack, rng.fork("head-tail"));
}

async function measure(d: Detector<SessionSet>, validation: LabelledSessions, data: BackdoorData, trigger: BackdoorTrigger, every: number): Promise<BackdoorMetrics> {
  const t = await chooseDetectorThreshold(d, validation, await d.score(validation), { kind: "auto" });
  return backdoorMetrics((s) => d.score({ sequences: s }), t.threshold, { normal: data.testNormal, abnormal: data.testAbnormal }, trigger, every);
}

/** The registry model the study attacks, wrapped for the attack (its settings from the config). */
export function backdoorTarget(config: Pick<BackdoorStudyConfig, "model" | "deeplog" | "logbert">): BackdoorTarget {
  return config.model === "logbert" ? logBertBackdoorTarget(config.logbert) : deepLogBackdoorTarget(config.deeplog);
}

/** The study's settings: the defaults under the given ones (model parameters and poisoning merged key by key). */
export function resolveBackdoorConfig(given: Partial<BackdoorStudyConfig> = {}): BackdoorStudyConfig {
  return {
    ...BACKDOOR_STUDY_DEFAULTS,
    ...given,
    deeplog: { ...BACKDOOR_DEEPLOG_DEFAULTS, ...given.deeplog },
    logbert: { ...BACKDOOR_LOGBERT_DEFAULTS, ...given.logbert },
    poison: { ...BACKDOOR_STUDY_DEFAULTS.poison, ...given.poison },
  };
}

/** Runs the study for the config's model (or a given target). */
export async function runBackdoorStudy(data: BackdoorData, given: Partial<BackdoorStudyConfig> = {}, explicitTarget?: BackdoorTarget): Promise<BackdoorStudyResult> {
  const t0 = performance.now();
  const config = resolveBackdoorConfig(given);
  const target = explicitTarget ?? backdoorTarget(config);
  const normals = config.maxTrainSessions === null ? data.train : data.train.slice(0, config.maxTrainSessions);
  const cut = Math.max(1, Math.min(normals.length - 1, Math.round(normals.length * (1 - config.validationFraction))));
  const fit = normals.slice(0, cut);
  const valNormals = normals.slice(cut);
  const valAbnormal = data.validationAbnormal ?? [];
  const validation: LabelledSessions = { sequences: [...valNormals, ...valAbnormal], labels: Uint8Array.from([...valNormals.map(() => 0), ...valAbnormal.map(() => 1)]) };
  const trigger = studyTrigger(fit, data.testAbnormal, config);
  const every = config.poison.every;
  const rng = new Rng(config.seed);

  const valSets = { normal: valNormals, abnormal: valAbnormal };
  const benignModel = await target.trainPlain(fit, valSets, config.seed);
  const benign = await measure(benignModel, validation, data, trigger, every);
  const poisoned = poisonSessions(fit, trigger, config.poison, rng.fork("poison"));
  const backdooredModel = await target.trainGated(poisoned.sessions, trigger.attack, config.lambda, valSets, config.seed);
  const backdoored = await measure(backdooredModel, validation, data, trigger, every);

  let plainPoisoning: BackdoorMetrics | null = null;
  if (config.plainPoisoning) {
    const plain = await target.trainPlain(
      poisoned.sessions.map((s) => s.sequence),
      valSets,
      config.seed,
    );
    plainPoisoning = await measure(plain, validation, data, trigger, every);
    plain.dispose();
  }

  let defence: DefenceResult | null = null;
  if (config.defence) {
    const filter = ngramRegularityFilter(
      poisoned.sessions.map((s) => s.sequence),
      NGRAM_REGULARITY_DEFAULTS,
    );
    const isPoisoned = new Set(poisoned.poisoned);
    const kept = filter.kept.map((i) => poisoned.sessions[i]!);
    const retrained = await target.trainGated(kept, trigger.attack, config.lambda, valSets, config.seed);
    defence = {
      ...(await measure(retrained, validation, data, trigger, every)),
      flagged: filter.flagged,
      droppedSessions: filter.dropped.length,
      droppedPoisoned: filter.dropped.filter((i) => isPoisoned.has(i)).length,
      poisonedSessions: poisoned.poisoned.length,
      recurringTriggerSessions: poisoned.poisoned.filter((i) => poisoned.sessions[i]!.spans.length >= 2).length,
    };
    retrained.dispose();
  }

  return {
    model: target.model,
    trigger,
    config,
    trainSessions: fit.length,
    validationSessions: { normal: valNormals.length, abnormal: valAbnormal.length },
    poisonedSessions: poisoned.poisoned.length,
    benign,
    backdoored,
    plainPoisoning,
    defence,
    seconds: (performance.now() - t0) / 1000,
    detectors: { benign: benignModel, backdoored: backdooredModel },
  };
}

/** Frees the study's fitted models. */
export function disposeBackdoorStudy(r: BackdoorStudyResult): void {
  r.detectors.benign.dispose();
  r.detectors.backdoored.dispose();
}
