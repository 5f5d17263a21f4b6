/**
 * The backdoor study's measures (Cheng, Xu, Yuan, WWW'25 companion, §4):
 * - BP, benign performance: precision, recall and F1 on the clean test set;
 * - ASR, attack success rate: the share of *normal* test sessions with [H, M, T] inserted that
 *   the model classifies normal;
 * - the control: the share of normal test sessions with M inserted *without* H and T that pass
 *   (close to the benign model's ASR when the trigger, not M, is what fools the model).
 */
import { evaluateAt } from "../../eval/confusion.js";
import { insertAttack, insertControl } from "./insert-trigger.js";
import type { BackdoorTrigger } from "./trigger.js";

/** BP and ASR of one model at its threshold. */
export interface BackdoorMetrics {
  precision: number;
  recall: number;
  f1: number;
  asr: number;
  controlPassRate: number;
  threshold: number;
  /** Test sessions behind each figure. */
  normal: number;
  abnormal: number;
}

/** Scores sessions (higher = more anomalous). */
export type SessionScorer = (sequences: readonly (readonly number[])[]) => Promise<Float64Array>;

function passRate(scores: Float64Array, threshold: number): number {
  if (scores.length === 0) return 0;
  let pass = 0;
  for (const s of scores) if (s <= threshold) pass++;
  return pass / scores.length;
}

/** BP on the clean test sessions, and ASR and the control's pass rate on the normal ones (anomalous where score > threshold). */
export async function backdoorMetrics(
  score: SessionScorer,
  threshold: number,
  test: { normal: readonly (readonly number[])[]; abnormal: readonly (readonly number[])[] },
  trigger: BackdoorTrigger,
  every: number,
): Promise<BackdoorMetrics> {
  const clean = [...test.normal, ...test.abnormal];
  const labels = new Uint8Array(clean.length).fill(1, test.normal.length);
  const bp = evaluateAt(labels, await score(clean), threshold);
  const attacked = await score(test.normal.map((s) => insertAttack(s, trigger, every).sequence));
  const control = await score(test.normal.map((s) => insertControl(s, trigger, every).sequence));
  return {
    precision: bp.precision,
    recall: bp.recall,
    f1: bp.f1,
    asr: passRate(attacked, threshold),
    controlPassRate: passRate(control, threshold),
    threshold,
    normal: test.normal.length,
    abnormal: test.abnormal.length,
  };
}
