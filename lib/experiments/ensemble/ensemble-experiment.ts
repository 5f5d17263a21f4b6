import type { SessionSet } from "../../models/detector.js";
import type { LogBert, LogBertParams } from "../../models/bert/logbert.js";
import { FrequentRareEnsemble, type EnsembleOptions, type EnsembleResult } from "../../models/ensemble/frequent-rare-ensemble.js";
import { labelTable, type LabelTable } from "../../models/ensemble/label-table.js";
import { triageQueue, type TriageGroup } from "../../models/ensemble/triage-queue.js";
import { createDetector } from "../../models/registry.js";
import type { DualLstm, DualLstmParams } from "../../models/sequence/dual-lstm.js";
import { Rng } from "../../runtime/rng.js";

/** What {@link runEnsembleExperiment} needs: normal sessions to train on, a labelled test set, model sizes. */
export interface EnsembleExperimentOptions {
  /** Normal sessions in file order: the first 1 − validationFraction train both models, the rest choose every threshold. */
  normal: readonly (readonly number[])[];
  /** Severity ordinals of each event of `normal` (raw logs with levels), for LogBERT-severity. */
  normalSeverities?: readonly (readonly number[])[];
  test: { sequences: readonly (readonly number[])[]; labels?: Uint8Array; severities?: readonly (readonly number[])[] };
  validationFraction: number;
  seed: number;
  dualLstm: Partial<DualLstmParams>;
  logbert: Partial<LogBertParams>;
  ensemble?: Partial<EnsembleOptions>;
  /** Name of a test session in the triage examples (default `session N`, 1-based). */
  sessionName?: (i: number) => string;
  /** Name of one test line (session i, position p) in the triage examples, e.g. its raw `file:line` (default `sessionName(i)#p+1`). */
  lineName?: (i: number, p: number) => string;
  /** Template text of a key (raw logs), shown in the triage queue. */
  templateOf?: (key: number) => string;
}

/** A display row (the report layer's `Row`, which this layer may not import). */
export type EnsembleRow = Record<string, string | number | boolean | null | undefined>;

/** The fitted models, the ensemble, its verdicts on the test set, the label table and the triage queue. */
export interface EnsembleExperiment {
  lstm: DualLstm;
  bert: LogBert;
  ensemble: FrequentRareEnsemble;
  result: EnsembleResult;
  table: LabelTable;
  queue: TriageGroup[];
  fitSessions: number;
  validationSessions: number;
  seconds: { lstm: number; bert: number; calibrate: number; judge: number };
}

/**
 * The ensemble study in one call (notebook 07, part 1): trains the dual LSTM and LogBERT-severity on the
 * normal training part (the registry's models, seeded), calibrates the ensemble on the validation
 * normals (never on test), labels every test line and session, and builds the label table and the
 * triage queue of Watch Out lines. The caller disposes the models (`lstm.dispose()`, `bert.dispose()`).
 */
export async function runEnsembleExperiment(o: EnsembleExperimentOptions): Promise<EnsembleExperiment> {
  const n = o.normal.length;
  const cut = Math.max(1, Math.min(n - 1, Math.round(n * (1 - o.validationFraction))));
  const sev = o.normalSeverities;
  if (sev && sev.length !== n) throw new Error(`runEnsembleExperiment: ${n} normal sessions but ${sev.length} severity rows`);
  const fit: SessionSet = { sequences: o.normal.slice(0, cut), ...(sev ? { severities: sev.slice(0, cut) } : {}) };
  const validation: SessionSet = { sequences: o.normal.slice(cut), ...(sev ? { severities: sev.slice(cut) } : {}) };
  const rng = new Rng(o.seed);
  const t0 = performance.now();
  const lstm = createDetector("dual-lstm", o.dualLstm, { rng: rng.fork("dual-lstm") });
  await lstm.fit(fit, validation);
  const t1 = performance.now();
  const bert = createDetector("logbert-severity", o.logbert, { rng: rng.fork("logbert-severity") });
  await bert.fit(fit, validation);
  const t2 = performance.now();
  const ensemble = await FrequentRareEnsemble.calibrate(lstm, bert, fit, validation, { seed: o.seed, ...o.ensemble });
  const t3 = performance.now();
  const result = ensemble.judge(o.test);
  const t4 = performance.now();
  const table = labelTable(result.sessions.map((s) => s.label), result.lines.map((l) => l.label), o.test.labels);
  const name = o.sessionName ?? ((i: number) => `session ${i + 1}`);
  const queue = triageQueue(
    result.lines.filter((l) => l.label === "Watch Out").map((l) => ({ key: l.key, session: l.session, ref: o.lineName ? o.lineName(l.session, l.position) : `${name(l.session)}#${l.position + 1}`, score: l.score, trainCount: l.trainCount, rule: l.rule })),
    {
      trainingLines: fit.sequences.reduce((a, s) => a + s.length, 0),
      ...(o.templateOf ? { templates: new Map([...new Set(result.lines.map((l) => l.key))].map((k) => [k, o.templateOf!(k)])) } : {}),
    },
  );
  return { lstm, bert, ensemble, result, table, queue, fitSessions: fit.sequences.length, validationSessions: validation.sequences.length, seconds: { lstm: (t1 - t0) / 1000, bert: (t2 - t1) / 1000, calibrate: (t3 - t2) / 1000, judge: (t4 - t3) / 1000 } };
}

/** The label table as display rows (the study's results table: count and precision of each label). */
export function labelTableRows(t: LabelTable): EnsembleRow[] {
  return t.rows.map((r) => ({ label: r.label, sessions: r.sessions, lines: r.lines, "real anomalies": r.anomalous, precision: r.precision }));
}

/** The thresholds and how each was chosen, as display rows. */
export function ensembleThresholdRows(e: FrequentRareEnsemble): EnsembleRow[] {
  const c = e.calibration;
  return [
    { threshold: "dual LSTM g (frequent lines)", value: c.thresholds.lstmG, "chosen by": c.lstmGRule },
    { threshold: "LogBERT-severity g (frequent lines)", value: c.thresholds.bertG, "chosen by": c.bertGRule },
    { threshold: "cosine watch cutoff (rare lines)", value: c.thresholds.watchCutoff, "chosen by": c.cutoffRule },
    { threshold: "cosine danger cutoff (rare lines)", value: c.thresholds.dangerCutoff, "chosen by": c.cutoffRule },
  ];
}

/** The triage queue as display rows (the first `top` groups). */
export function triageRows(queue: readonly TriageGroup[], top = queue.length): EnsembleRow[] {
  return queue.slice(0, top).map((g) => ({
    rank: g.rank,
    key: g.key,
    template: g.template,
    lines: g.count,
    sessions: g.sessions,
    "mean score": g.meanScore,
    "max score": g.maxScore,
    "training count": g.trainCount,
    priority: g.priority,
    rules: g.rules,
    examples: g.examples.map((e) => e.ref).join("; "),
  }));
}

/** Lines per rule and label (which rule fired how often), as display rows. */
export function ruleRows(result: EnsembleResult): EnsembleRow[] {
  const m = new Map<string, { label: string; rule: string; lines: number }>();
  for (const l of result.lines) {
    const k = `${l.label}\u0000${l.rule}`;
    const e = m.get(k) ?? { label: l.label, rule: l.rule, lines: 0 };
    e.lines++;
    m.set(k, e);
  }
  return [...m.values()].sort((a, b) => b.lines - a.lines);
}
