/** The ensemble's verdict on a line (event) or a session, worst first. */
export type EnsembleLabel = "Danger" | "Watch Out" | "Normal";

/** Labels in order of severity (index 0 = worst). */
export const ENSEMBLE_LABELS: readonly EnsembleLabel[] = ["Danger", "Watch Out", "Normal"];

/**
 * Which rule gave a line its label:
 * - frequent lines: `frequent: lstm+logbert` (both flag: Danger), `frequent: lstm` or
 *   `frequent: logbert` (one flags: Watch Out), `frequent: none` (Normal);
 * - rare lines (rare or never-seen templates): `rare: cosine > danger cutoff` (farther from every
 *   normal training embedding than any validation normal line: Danger), `rare: cosine > watch
 *   cutoff` (Watch Out), `rare: cosine within cutoff` (Normal); a template never seen in training
 *   within the danger cutoff is Watch Out (`rare: never seen in training`): no model has learned
 *   it, and the embedding of a key its encoder reads as [UNK] can sit close to normal ones (a
 *   departure from the study, which judges it by the distance alone; DeepLog and LogBERT flag it);
 * - sessions only: `session: shorter than every normal training session` (Watch Out for a session
 *   whose lines are all Normal but which is shorter than any normal training session: LogBERT's
 *   `shortSessions` rule, DeepLog's padding rule; HDFS's 2–3-key abnormal sessions).
 */
export type EnsembleRule =
  | "frequent: lstm+logbert"
  | "frequent: lstm"
  | "frequent: logbert"
  | "frequent: none"
  | "rare: cosine > danger cutoff"
  | "rare: cosine > watch cutoff"
  | "rare: cosine within cutoff"
  | "rare: never seen in training"
  | "session: shorter than every normal training session";

/** The thresholds of the ensemble's rules, all chosen on validation data. */
export interface EnsembleThresholds {
  /** The dual LSTM's frequent model flags a line whose key ranks worse than g (rank > lstmG). */
  lstmG: number;
  /** LogBERT-severity flags a line whose masked key ranks worse than g (rank > bertG). */
  bertG: number;
  /** A rare line whose cosine distance to the nearest normal training embedding exceeds this is Watch Out. */
  watchCutoff: number;
  /** … and Danger above this one (≥ watchCutoff). */
  dangerCutoff: number;
}

/** What the models say about one line. */
export interface EventEvidence {
  /** Which rule family judges it: its template is frequent, or rare / never seen in training. */
  part: "frequent" | "rare";
  /** True when its template never occurs in the training sessions (a rare-part line; at least Watch Out). */
  unseen?: boolean;
  /** Rank of the key among the dual LSTM's predictions (0: no prediction, e.g. the first `window` keys). */
  lstmRank: number;
  /** Rank of the key among LogBERT-severity's predictions when masked. */
  bertRank: number;
  /** Cosine distance of the line's LogBERT-severity embedding to the nearest normal training embedding (rare lines; null when not computed). */
  distance: number | null;
}

/** A line's verdict: label, rule, and a score (how far past its threshold, > 1 = past it) to rank lines by. */
export interface EventVerdict {
  label: EnsembleLabel;
  rule: EnsembleRule;
  /**
   * Frequent lines: the larger of lstmRank / lstmG and bertRank / bertG; rare lines:
   * (distance + 0.001) / (watchCutoff + 0.001) (bounded when the cutoff is 0). Above 1 exactly
   * where a model flags the line (for rare lines: past the watch cutoff).
   */
  score: number;
}

/**
 * The ensemble's rule for one line (the rule, stated once): a frequent line is Danger when
 * the dual LSTM's frequent model AND LogBERT-severity flag it, Watch Out when one of them does,
 * Normal when neither does; a rare line is judged by its embedding's cosine distance to the normal
 * training embeddings alone (Danger past the danger cutoff, Watch Out past the watch cutoff).
 *
 * @example
 * labelEvent({ part: "frequent", lstmRank: 9, bertRank: 12, distance: null }, { lstmG: 5, bertG: 6, watchCutoff: 0.1, dangerCutoff: 0.3 });
 * // { label: "Danger", rule: "frequent: lstm+logbert", score: 2 }
 */
export function labelEvent(e: EventEvidence, t: EnsembleThresholds): EventVerdict {
  if (e.part === "frequent") {
    const lstm = e.lstmRank > t.lstmG;
    const bert = e.bertRank > t.bertG;
    const score = Math.max(e.lstmRank / Math.max(t.lstmG, 1), e.bertRank / Math.max(t.bertG, 1));
    if (lstm && bert) return { label: "Danger", rule: "frequent: lstm+logbert", score };
    if (lstm) return { label: "Watch Out", rule: "frequent: lstm", score };
    if (bert) return { label: "Watch Out", rule: "frequent: logbert", score };
    return { label: "Normal", rule: "frequent: none", score };
  }
  const d = e.distance ?? 0;
  const score = (d + RARE_SCORE_EPSILON) / (t.watchCutoff + RARE_SCORE_EPSILON);
  if (d > t.dangerCutoff) return { label: "Danger", rule: "rare: cosine > danger cutoff", score };
  if (d > t.watchCutoff) return { label: "Watch Out", rule: "rare: cosine > watch cutoff", score };
  if (e.unseen) return { label: "Watch Out", rule: "rare: never seen in training", score: Math.max(score, 1 + RARE_SCORE_EPSILON) };
  return { label: "Normal", rule: "rare: cosine within cutoff", score };
}

/** Added to distance and cutoff in a rare line's score, so that a cutoff of 0 gives finite scores. */
const RARE_SCORE_EPSILON = 0.001;

/** 0 for Danger, 1 for Watch Out, 2 for Normal (lower = worse). */
export function labelSeverityIndex(label: EnsembleLabel): number {
  return ENSEMBLE_LABELS.indexOf(label);
}

/** A session's verdict: the worst of its lines' (an empty session is Normal), with the first line that has it. */
export interface SessionVerdict {
  label: EnsembleLabel;
  /** The rule of the first line with the session's label (null for a session without lines). */
  rule: EnsembleRule | null;
  /** 0-based position of that line (−1 for a session without lines). */
  position: number;
  /** The largest line score. */
  score: number;
  /** Lines per label. */
  danger: number;
  watchOut: number;
  normal: number;
}

/**
 * A session is as bad as its worst line: Danger if any line is Danger, else Watch Out if any line
 * is, else Normal.
 */
export function labelSession(events: readonly EventVerdict[]): SessionVerdict {
  let worst = -1;
  let score = 0;
  const n = [0, 0, 0];
  events.forEach((e, i) => {
    const s = labelSeverityIndex(e.label);
    n[s]!++;
    score = Math.max(score, e.score);
    if (worst < 0 || s < labelSeverityIndex(events[worst]!.label)) worst = i;
  });
  if (worst < 0) return { label: "Normal", rule: null, position: -1, score: 0, danger: 0, watchOut: 0, normal: 0 };
  const w = events[worst]!;
  return { label: w.label, rule: w.rule, position: worst, score, danger: n[0]!, watchOut: n[1]!, normal: n[2]! };
}
