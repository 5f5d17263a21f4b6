import { LOG_CLASSES, type LogClass } from "./log-classes.js";
import type { RuleLabel } from "./rule-labeler.js";
import type { LabelUnit } from "./apply-rule-labels.js";

/** How much of one system the rules cover, and where they disagree. */
export interface LabelCoverage {
  system: string;
  unit: LabelUnit;
  lines: number;
  /** Distinct templates among the lines. */
  templates: number;
  /** Lines whose class is not normal (some rule fired). */
  coveredLines: number;
  /** coveredLines / lines. */
  lineCoverage: number;
  /** Templates with at least one covered line. */
  coveredTemplates: number;
  templateCoverage: number;
  /** Lines on which ordinary rules of two or more classes fired. */
  conflictLines: number;
  conflictShare: number;
  /** Templates with at least one conflicting line. */
  conflictTemplates: number;
  /** Lines decided by a fallback rule only. */
  fallbackLines: number;
  /** Lines per resolved class. */
  perClass: Record<LogClass, number>;
}

/**
 * Coverage and conflict figures for one system's labels (`templateIds[i]` is line i's template).
 *
 * @example
 * const cov = labelCoverage("Linux", "line", labels, parsed.map((p) => p.templateId));
 */
export function labelCoverage(system: string, unit: LabelUnit, labels: readonly RuleLabel[], templateIds: readonly string[], fallbackRuleIds: ReadonlySet<string> = new Set()): LabelCoverage {
  if (templateIds.length !== labels.length) throw new Error(`labelCoverage(${system}): ${labels.length} labels but ${templateIds.length} template ids`);
  const perClass = Object.fromEntries(LOG_CLASSES.map((c) => [c, 0])) as Record<LogClass, number>;
  const templates = new Set<string>();
  const coveredT = new Set<string>();
  const conflictT = new Set<string>();
  let covered = 0;
  let conflicts = 0;
  let fallback = 0;
  labels.forEach((l, i) => {
    const t = templateIds[i]!;
    templates.add(t);
    perClass[l.class] += 1;
    if (l.class !== "normal") {
      covered++;
      coveredT.add(t);
      if (l.ruleIds.length > 0 && l.ruleIds.every((id) => fallbackRuleIds.has(id))) fallback++;
    }
    if (l.conflict) {
      conflicts++;
      conflictT.add(t);
    }
  });
  const n = labels.length;
  return {
    system,
    unit,
    lines: n,
    templates: templates.size,
    coveredLines: covered,
    lineCoverage: n ? covered / n : 0,
    coveredTemplates: coveredT.size,
    templateCoverage: templates.size ? coveredT.size / templates.size : 0,
    conflictLines: conflicts,
    conflictShare: n ? conflicts / n : 0,
    conflictTemplates: conflictT.size,
    fallbackLines: fallback,
    perClass,
  };
}

/** One row of the coverage table: a system's coverage, conflicts and lines per class. */
export type LabelCoverageRow = {
  system: string;
  unit: LabelUnit;
  lines: number;
  templates: number;
  "line coverage": number;
  "template coverage": number;
  "conflict lines": number;
  "conflict templates": number;
  "fallback-only lines": number;
} & { [C in LogClass]: number };

/** Coverage reports as table rows: one per system, with the per-class line counts as columns. */
export function labelCoverageRows(reports: readonly LabelCoverage[]): LabelCoverageRow[] {
  return reports.map((c) => ({
    system: c.system,
    unit: c.unit,
    lines: c.lines,
    templates: c.templates,
    "line coverage": c.lineCoverage,
    "template coverage": c.templateCoverage,
    "conflict lines": c.conflictLines,
    "conflict templates": c.conflictTemplates,
    "fallback-only lines": c.fallbackLines,
    ...(Object.fromEntries(LOG_CLASSES.map((k) => [k, c.perClass[k]])) as { [C in LogClass]: number }),
  }));
}

/** One row of the conflict table: a class combination that fired together, how often, and an example. */
export type LabelConflictRow = { system: string; classes: string; lines: number; resolvedAs: string; rules: string; example: string };

/**
 * The most frequent class combinations among conflicting lines, with one example text each.
 */
export function labelConflictRows(system: string, labels: readonly RuleLabel[], texts: readonly string[], limit = 10): LabelConflictRow[] {
  const byPair = new Map<string, { lines: number; rules: Set<string>; example: string; resolved: string }>();
  labels.forEach((l, i) => {
    if (!l.conflict) return;
    const key = l.fired.join(" + ");
    let e = byPair.get(key);
    if (!e) {
      e = { lines: 0, rules: new Set(), example: texts[i] ?? "", resolved: l.class };
      byPair.set(key, e);
    }
    e.lines++;
    for (const r of l.ruleIds) e.rules.add(r);
  });
  return [...byPair.entries()]
    .sort((a, b) => b[1].lines - a[1].lines || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([classes, e]) => ({ system, classes, lines: e.lines, resolvedAs: e.resolved, rules: [...e.rules].join(", "), example: e.example.slice(0, 160) }));
}
