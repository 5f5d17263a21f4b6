/** Severity names, from least to most severe; a severity's ordinal is its index here. */
export const SEVERITY_NAMES = ["debug", "info", "notice", "warning", "error", "critical"] as const;

/** A severity name. */
export type SeverityName = (typeof SEVERITY_NAMES)[number];

/** The severity of a line: an ordinal 0 (debug) … 5 (critical), and where it came from. */
export interface Severity {
  ordinal: number;
  name: SeverityName;
  /** `level`: the format's level field; `keywords`: the message text (no usable level field). */
  source: "level" | "keywords";
}

// Level spellings seen in the 16 LogHub systems and common loggers (syslog, log4j, java.util.logging,
// Android's one-letter levels, Windows CBS, BGL's INFO…FAILURE).
const LEVEL_ORDINALS: Record<string, number> = {
  trace: 0, debug: 0, dbg: 0, verbose: 0, v: 0, d: 0, fine: 0, finer: 0, finest: 0,
  info: 1, information: 1, informational: 1, i: 1, config: 1,
  notice: 2, n: 2,
  warn: 3, warning: 3, w: 3,
  error: 4, err: 4, e: 4, severe: 4,
  fatal: 5, f: 5, critical: 5, crit: 5, alert: 5, emerg: 5, emergency: 5, panic: 5, failure: 5, a: 5,
};

/**
 * The ordinal of a level field, or null when the field is absent or not a level (Linux's LogHub
 * format calls the host name "Level": `combo` is not a severity).
 *
 * @example
 * severityFromLevel("WARN"); // 3
 * severityFromLevel("combo"); // null
 */
export function severityFromLevel(level: string | undefined | null): number | null {
  if (level === undefined || level === null) return null;
  const v = LEVEL_ORDINALS[level.trim().toLowerCase()];
  return v === undefined ? null : v;
}

const KEYWORD_LEVELS: readonly [number, RegExp][] = [
  [5, /\b(panic|fatal|critical|emergency|crash(ed)?|core dump(ed)?|kernel terminated|halt asserted|segfault|segmentation fault)\b/i],
  [4, /\b(error|errors|err|fail|failed|failure|failures|exception|denied|refused|unable|cannot|can't|abort(ed)?|invalid|unreachable)\b|\w+Exception\b/i],
  [3, /\b(warn|warning|warnings|timeout|timed out|retry|retrying|deprecated|slow|exceed(s|ed)?|not responding)\b/i],
];

/**
 * The ordinal implied by a message's words: 5 for panic/fatal/crash, 4 for error/failed/denied,
 * 3 for warning/timeout/retry, otherwise 1 (info).
 */
export function severityFromKeywords(text: string): number {
  for (const [ordinal, re] of KEYWORD_LEVELS) if (re.test(text)) return ordinal;
  return 1;
}

/**
 * A line's severity: from its level field where the format has a usable one, else from keywords.
 *
 * @example
 * severityOf({ level: "E", content: "Unable to start service" }); // { ordinal: 4, name: "error", source: "level" }
 * severityOf({ content: "Failed password for root" });           // { ordinal: 4, name: "error", source: "keywords" }
 */
export function severityOf(line: { level?: string; content: string }): Severity {
  const fromLevel = severityFromLevel(line.level);
  const ordinal = fromLevel ?? severityFromKeywords(line.content);
  return { ordinal, name: SEVERITY_NAMES[ordinal]!, source: fromLevel === null ? "keywords" : "level" };
}
