import { ENSEMBLE_LABELS, type EnsembleLabel } from "./ensemble-label.js";

/** One row of the label table: how many sessions (and lines) got a label and, with ground truth, how many are real anomalies. */
export interface LabelTableRow {
  label: EnsembleLabel;
  sessions: number;
  /** Lines (events) with this label. */
  lines: number;
  /** Sessions with this label that are real anomalies (null without ground truth). */
  anomalous: number | null;
  /** anomalous / sessions: the share of real anomalies (null without ground truth or sessions). */
  precision: number | null;
}

/** The label table, as the study's results table: count and precision of each label. */
export interface LabelTable {
  rows: LabelTableRow[];
  sessions: number;
  lines: number;
  /** Real anomalies among the sessions (null without ground truth). */
  anomalies: number | null;
}

/**
 * Counts sessions and lines per label and, when `truth` (1 = anomalous session) is given, the
 * precision of each label: the share of its sessions that are real anomalies (for Normal, a high
 * value means missed anomalies).
 *
 * @example
 * labelTable(["Danger", "Normal"], ["Danger", "Normal", "Normal"], Uint8Array.of(1, 0)).rows[0];
 * // { label: "Danger", sessions: 1, lines: 1, anomalous: 1, precision: 1 }
 */
export function labelTable(sessionLabels: readonly EnsembleLabel[], lineLabels: readonly EnsembleLabel[], truth?: ArrayLike<number>): LabelTable {
  if (truth && truth.length !== sessionLabels.length) throw new Error(`labelTable: ${sessionLabels.length} sessions but ${truth.length} labels`);
  const rows = ENSEMBLE_LABELS.map((label) => {
    let sessions = 0;
    let anomalous = 0;
    sessionLabels.forEach((s, i) => {
      if (s !== label) return;
      sessions++;
      if (truth && truth[i] === 1) anomalous++;
    });
    const lines = lineLabels.reduce((n, l) => n + (l === label ? 1 : 0), 0);
    return { label, sessions, lines, anomalous: truth ? anomalous : null, precision: truth && sessions > 0 ? anomalous / sessions : null };
  });
  let anomalies: number | null = null;
  if (truth) {
    anomalies = 0;
    for (let i = 0; i < truth.length; i++) anomalies += truth[i] === 1 ? 1 : 0;
  }
  return { rows, sessions: sessionLabels.length, lines: rows.reduce((a, r) => a + r.lines, 0), anomalies };
}
