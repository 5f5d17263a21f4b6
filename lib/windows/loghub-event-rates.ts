import { readLoghubStructured, loghubLogPath, type LoghubSystem } from "../data/loghub-2k.js";
import { eventCountsOverTime, type EventRate } from "./event-rate.js";

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
