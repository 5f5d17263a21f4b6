import type { ModelFamily } from "./define-entry.js";

/** What {@link trainingAdvice} looks at: the trained model and the data it was trained on. */
export interface TrainingFacts {
  model: string;
  family: ModelFamily;
  params: Record<string, unknown>;
  /** The sessions the model was fitted on (normal only for next-key models). */
  fitSessions: readonly (readonly number[])[];
  /** Validation counts at the chosen threshold (null when there was no validation). */
  validation: { fp: number; tn: number; tp: number; fn: number } | null;
  /** Validation normals that repeat a fit session exactly. */
  validationRepeats: number | null;
}

/** Neural families need more distinct sessions than a classic model to learn anything beyond memorising them. */
const NEURAL: ReadonlySet<ModelFamily> = new Set(["next-key", "sequence-classifier", "autoencoder", "masked-key"]);
/** Below this many distinct fit sessions a neural model mostly memorises (DeepLog's HDFS setting has ≈ 4,855 sessions). */
export const FEW_DISTINCT_SESSIONS = 50;
/** A validation false-positive rate above this is worth a warning (the issue's 5%). */
export const HIGH_FPR = 0.05;

/**
 * Warnings, each with its figures and a suggestion, when the data is too small for the model or
 * the chosen threshold would flag many normal sessions: the guidance a user needs before trusting
 * `loglab detect` on their own logs. Empty when nothing is wrong.
 */
export function trainingAdvice(f: TrainingFacts): string[] {
  const out: string[] = [];
  const distinct = new Set(f.fitSessions.map((s) => s.join(" "))).size;
  const neural = NEURAL.has(f.family);
  if (neural && distinct < FEW_DISTINCT_SESSIONS) {
    out.push(
      `${f.model} was fitted on ${f.fitSessions.length} sessions of which only ${distinct} are distinct: too few for a neural model to learn more than ` +
        `those exact sessions. Give it more data (a longer period of logs), or try a classic model (pca, invariants-mining, log-clustering), ` +
        `which needs fewer sessions.`,
    );
  }
  // DeepLog's reference padding (wuyifan18/DeepLog) makes every session shorter than window + 1 anomalous.
  const window = typeof f.params.window === "number" ? f.params.window : null;
  if (f.family === "next-key" && window !== null && f.params.padding === "reference" && f.fitSessions.length > 0) {
    const short = f.fitSessions.filter((s) => s.length < window + 1).length;
    const share = short / f.fitSessions.length;
    if (share > 0.2) {
      const lengths = f.fitSessions.map((s) => s.length).sort((a, b) => a - b);
      const median = lengths[Math.floor(lengths.length / 2)]!;
      out.push(
        `${(100 * share).toFixed(0)}% of the fit sessions (${short} of ${f.fitSessions.length}) are shorter than window + 1 = ${window + 1} keys ` +
          `(median length ${median}); with padding "reference" (the DeepLog reference code's rule) every such session is scored anomalous. ` +
          `For short sessions, train with --params '{"padding":"left","window":${Math.max(1, Math.min(window, median - 1))}}'.`,
      );
    }
  }
  const v = f.validation;
  if (v && v.fp + v.tn > 0) {
    const fpr = v.fp / (v.fp + v.tn);
    if (fpr > HIGH_FPR) {
      out.push(
        `at the chosen threshold the model flags ${(100 * fpr).toFixed(1)}% of the validation normals (FP ${v.fp} of ${v.fp + v.tn}` +
          `${f.validationRepeats !== null ? `; ${f.validationRepeats} of the validation sessions repeat a fit session exactly` : ""}), ` +
          `above ${(100 * HIGH_FPR).toFixed(0)}%: on new logs expect about that share of normal sessions flagged. ` +
          `Try more normal data, a simpler model, or another threshold policy (--threshold max-fpr:0.01 caps the validation false-positive rate).`,
      );
    }
  }
  return out;
}
