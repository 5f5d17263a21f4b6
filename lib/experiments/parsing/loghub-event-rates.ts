import { readFileSync } from "node:fs";
import { readLoghubStructured, loghubLogPath } from "../../data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import type { Rejected } from "../../io/rejected.js";
import { parseLines } from "../../parse/log-parser.js";
import type { ParsedLog } from "../../parse/log-record.js";
import { eventCountsOverTime, type EventRate } from "../../windows/event-rate.js";

/** LogHub systems whose ground truth holds an epoch-seconds time field, and which field. */
export const LOGHUB_EPOCH_FIELDS: Readonly<Partial<Record<LoghubSystem, string>>> = { BGL: "Timestamp", Thunderbird: "Timestamp", HPC: "Time" };

/** Timed events of a LogHub system, with ground-truth alert labels where the system has them. */
export interface LoghubTimedEvents {
  system: LoghubSystem;
  events: { file: string; lineNo: number; timestamp?: number }[];
  /** 1 = alert (BGL, Thunderbird `Label` column); null when the system has no line labels. */
  labels: Uint8Array | null;
}

/**
 * Events of a LogHub 2k system timed by its epoch-seconds field (BGL and Thunderbird `Timestamp`,
 * HPC `Time`). Systems without one are an error naming the ones that have it.
 */
export function loghubEpochEvents(system: LoghubSystem): LoghubTimedEvents {
  const field = LOGHUB_EPOCH_FIELDS[system];
  if (!field) throw new Error(`${system} has no epoch time field in its ground truth (systems that do: ${Object.keys(LOGHUB_EPOCH_FIELDS).join(", ")})`);
  const rows = readLoghubStructured(system);
  const file = loghubLogPath(system);
  const events = rows.map((r) => {
    const s = Number(r.fields[field]);
    return { file, lineNo: r.lineId, timestamp: Number.isFinite(s) && s > 0 ? s * 1000 : undefined };
  });
  const labels = "Label" in (rows[0]?.fields ?? {}) ? Uint8Array.from(rows, (r) => (r.fields.Label === "-" ? 0 : 1)) : null;
  return { system, events, labels };
}

/** Binned event (and alert) counts of the systems with an epoch field, one series each. */
export function loghubEventRates(systems: readonly LoghubSystem[] = Object.keys(LOGHUB_EPOCH_FIELDS) as LoghubSystem[], options: { maxBins?: number } = {}): (EventRate & { name: string })[] {
  return systems.map((s) => {
    const t = loghubEpochEvents(s);
    return { name: `${s} 2k`, ...eventCountsOverTime(t.events, { maxBins: options.maxBins, labels: t.labels ?? undefined }) };
  });
}

/** A LogHub 2k log parsed with the system's preset (header format, masks, Drain settings). */
export interface LoghubParsedEvents {
  system: LoghubSystem;
  events: ParsedLog[];
  rejects: Rejected[];
  /** Ground-truth alert labels by line (BGL, Thunderbird), aligned with `events`; null otherwise. */
  labels: Uint8Array | null;
  /** Events with a timestamp (formats without a year, e.g. syslog-style Linux, give none). */
  timed: number;
}

/**
 * Parses a system's raw 2k log with the parser's preset for that system (`parseLines`): header
 * fields, timestamps where the format has a full date, Drain templates.
 *
 * @example
 * loghubParsedEvents("HDFS").events[0].timestamp; // 1226262975000
 */
export function loghubParsedEvents(system: LoghubSystem): LoghubParsedEvents {
  const file = loghubLogPath(system);
  const lines = readFileSync(file, "utf8").split(/\r\n|\n|\r/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const parsed = parseLines(lines, { format: system, file });
  let labels: Uint8Array | null = null;
  if (system === "BGL" || system === "Thunderbird") {
    const byLine = new Map(readLoghubStructured(system).map((r) => [r.lineId, r.fields.Label === "-" ? 0 : 1] as const));
    labels = Uint8Array.from(parsed.events, (e) => byLine.get(e.lineNo) ?? 0);
  }
  return { system, events: parsed.events, rejects: parsed.rejects, labels, timed: parsed.events.filter((e) => e.timestamp !== undefined).length };
}

/**
 * Events (and alerts) over time for LogHub systems parsed with their presets. Systems whose
 * format has no full date are left out and listed in `untimed` with the reason.
 */
export function loghubParsedEventRates(systems: readonly LoghubSystem[] = LOGHUB_SYSTEMS, options: { maxBins?: number } = {}): { series: (EventRate & { name: string })[]; untimed: { system: LoghubSystem; reason: string }[] } {
  const series: (EventRate & { name: string })[] = [];
  const untimed: { system: LoghubSystem; reason: string }[] = [];
  for (const s of systems) {
    const p = loghubParsedEvents(s);
    if (p.timed === 0) {
      untimed.push({ system: s, reason: "the header has no year (or no time): no absolute timestamps" });
      continue;
    }
    series.push({ name: s, ...eventCountsOverTime(p.events, { maxBins: options.maxBins, labels: p.labels ?? undefined }) });
  }
  return { series, untimed };
}
