import { csvLine } from "../../io/csv.js";

/** A flagged line offered for review (a Watch Out line, typically). */
export interface TriageLine {
  /** Its template (log key). */
  key: number;
  /** Its session (index or id) and where to find it: `file:line` for raw logs, else a session reference. */
  session: number | string;
  ref: string;
  /** The raw line, when the input had raw logs. */
  text?: string;
  /** How far past its threshold (the ensemble's line score). */
  score: number;
  /** Occurrences of its template in the normal training data (0 = never seen). */
  trainCount: number;
  /** The rule that flagged it. */
  rule: string;
}

/** One group of the triage queue: the flagged lines of one template. */
export interface TriageGroup {
  /** 1 = review first. */
  rank: number;
  key: number;
  template: string | null;
  /** Flagged lines, and the distinct sessions holding them. */
  count: number;
  sessions: number;
  meanScore: number;
  maxScore: number;
  /** Rarity: occurrences of the template in the normal training data. */
  trainCount: number;
  /** maxScore × (1 + log10((trainingLines + 1) / (trainCount + 1))): high scores and rare templates first. */
  priority: number;
  /** Lines per rule, e.g. "frequent: lstm=12; frequent: logbert=3". */
  rules: string;
  /** Up to `examples` lines, highest score first (first seen on ties). */
  examples: { ref: string; text?: string; score: number }[];
}

/** Options of {@link triageQueue}. */
export interface TriageOptions {
  /** Lines of the normal training data (the rarity weight's denominator). */
  trainingLines: number;
  /** Example lines per group (default 3). */
  examples?: number;
  /** Template text per key, when known. */
  templates?: ReadonlyMap<number, string>;
}

/**
 * Groups flagged lines by template so that a person reviews groups, not lines (the study sent
 * 10,000 Watch Out lines to an LLM one by one): each group has its count, distinct sessions,
 * mean and max score, rarity (training occurrences), a few example lines and the rules that
 * fired. Groups are ranked by priority = max score × a rarity weight (1 + log10 of the inverse
 * training frequency, so a never-seen template with the same score comes first), then by count,
 * then by key.
 *
 * @example
 * const q = triageQueue(watchOutLines, { trainingLines: 46_575, templates });
 * q[0].examples; // the first group's example lines, with file:line
 */
export function triageQueue(lines: readonly TriageLine[], o: TriageOptions): TriageGroup[] {
  const per = new Map<number, TriageLine[]>();
  for (const l of lines) {
    let g = per.get(l.key);
    if (!g) per.set(l.key, (g = []));
    g.push(l);
  }
  const nEx = o.examples ?? 3;
  const groups = [...per.entries()].map(([key, ls]) => {
    const maxScore = Math.max(...ls.map((l) => l.score));
    const meanScore = ls.reduce((a, l) => a + l.score, 0) / ls.length;
    const trainCount = ls[0]!.trainCount;
    const rarity = 1 + Math.log10((o.trainingLines + 1) / (trainCount + 1));
    const rules = new Map<string, number>();
    for (const l of ls) rules.set(l.rule, (rules.get(l.rule) ?? 0) + 1);
    const seen = new Set<string>();
    const examples = ls
      .map((l, i) => ({ l, i }))
      .sort((a, b) => b.l.score - a.l.score || a.i - b.i)
      .filter(({ l }) => (seen.has(l.ref) ? false : (seen.add(l.ref), true)))
      .slice(0, nEx)
      .map(({ l }) => ({ ref: l.ref, ...(l.text !== undefined ? { text: l.text } : {}), score: l.score }));
    return {
      rank: 0,
      key,
      template: o.templates?.get(key) ?? null,
      count: ls.length,
      sessions: new Set(ls.map((l) => l.session)).size,
      meanScore,
      maxScore,
      trainCount,
      priority: maxScore * rarity,
      rules: [...rules.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r}=${n}`).join("; "),
      examples,
    };
  });
  groups.sort((a, b) => b.priority - a.priority || b.count - a.count || a.key - b.key);
  groups.forEach((g, i) => (g.rank = i + 1));
  return groups;
}

/** The CSV header of {@link triageQueueCsv}. */
export const TRIAGE_COLUMNS = ["rank", "key", "template", "count", "sessions", "mean_score", "max_score", "train_count", "priority", "rules", "example_1", "example_2", "example_3"] as const;

/** The triage queue as CSV text (examples as `ref` or `ref: raw line`). */
export function triageQueueCsv(groups: readonly TriageGroup[]): string {
  const ex = (g: TriageGroup, i: number): string => {
    const e = g.examples[i];
    return e ? (e.text !== undefined ? `${e.ref}: ${e.text}` : e.ref) : "";
  };
  return [csvLine([...TRIAGE_COLUMNS]), ...groups.map((g) => csvLine([g.rank, g.key, g.template ?? "", g.count, g.sessions, round(g.meanScore), round(g.maxScore), g.trainCount, round(g.priority), g.rules, ex(g, 0), ex(g, 1), ex(g, 2)]))].join("\n") + "\n";
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
