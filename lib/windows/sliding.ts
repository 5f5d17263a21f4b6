import type { Rejected } from "../io/rejected.js";
import { makeWindow, type EventWindow, type WindowableEvent } from "./event-window.js";

/** Options of {@link slidingCountWindows}. */
export interface CountWindowOptions {
  /** Events per window. */
  size: number;
  /** Events between window starts (default `size`: fixed, non-overlapping windows). */
  step?: number;
}

function checkPositiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer, got ${v}`);
}

/**
 * Windows of `size` consecutive events starting every `step` events. Windows start at 0, step,
 * 2·step, …; the last window is the first one that reaches the end of the input (it may be
 * shorter than `size`), so every event is in some window and no trailing window is a subset of
 * the one before.
 *
 * @example
 * slidingCountWindows(events, { size: 20, step: 4 }); // DeepLog/loglizer-style sliding windows
 */
export function slidingCountWindows(events: readonly WindowableEvent[], options: CountWindowOptions): EventWindow[] {
  const size = options.size;
  const step = options.step ?? size;
  checkPositiveInt("window size", size);
  checkPositiveInt("window step", step);
  const out: EventWindow[] = [];
  const n = events.length;
  for (let start = 0; start < n; start += step) {
    const end = Math.min(start + size, n);
    const indices: number[] = [];
    for (let i = start; i < end; i++) indices.push(i);
    out.push(makeWindow(`count:${start}`, "count", events, indices));
    if (end === n) break;
  }
  return out;
}

/** Options of {@link slidingTimeWindows}. */
export interface TimeWindowOptions {
  /** Window length in milliseconds. */
  sizeMs: number;
  /** Milliseconds between window starts (default `sizeMs`: fixed windows). */
  stepMs?: number;
  /** Where windows are anchored (default: the earliest timestamp). */
  originMs?: number;
}

/** Time windows and the events that could not be placed (no timestamp). */
export interface TimeWindows {
  windows: EventWindow[];
  /** Events without a timestamp, with the reason (never dropped silently). */
  rejected: Rejected[];
  /** Window slots in the covered time range that held no event (not emitted). */
  emptySlots: number;
}

/**
 * Windows covering [origin + k·step, origin + k·step + size) in event time. Empty windows are not
 * emitted (their count is reported); events keep input order inside a window. Events need a
 * `timestamp`; those without one are rejected with a reason.
 *
 * @example
 * slidingTimeWindows(bgl, { sizeMs: 6 * 3600e3, stepMs: 3600e3 }); // loglizer's 6 h / 1 h BGL windows
 */
export function slidingTimeWindows(events: readonly WindowableEvent[], options: TimeWindowOptions): TimeWindows {
  const size = options.sizeMs;
  const step = options.stepMs ?? size;
  if (!(size > 0) || !(step > 0)) throw new Error(`time window size and step must be positive, got ${size} and ${step} ms`);
  const rejected: Rejected[] = [];
  const timed: number[] = [];
  events.forEach((e, i) => {
    if (e.timestamp === undefined || !Number.isFinite(e.timestamp)) rejected.push({ file: e.file, lineNo: e.lineNo, reason: "no timestamp (time windows need one)" });
    else timed.push(i);
  });
  if (timed.length === 0) return { windows: [], rejected, emptySlots: 0 };
  // Sorted by time (stable, so equal times keep input order), then a two-pointer sweep.
  const order = timed.slice().sort((a, b) => events[a]!.timestamp! - events[b]!.timestamp! || a - b);
  const tMin = events[order[0]!]!.timestamp!;
  const tMax = events[order[order.length - 1]!]!.timestamp!;
  const origin = options.originMs ?? tMin;
  if (origin > tMin) throw new Error(`originMs ${origin} is after the earliest event (${tMin})`);
  const windows: EventWindow[] = [];
  let emptySlots = 0;
  let lo = 0;
  const firstK = Math.max(0, Math.floor((tMin - origin - size) / step) + 1);
  for (let k = firstK; ; ) {
    const start = origin + k * step;
    if (start > tMax) break;
    const end = start + size;
    while (lo < order.length && events[order[lo]!]!.timestamp! < start) lo++;
    let hi = lo;
    while (hi < order.length && events[order[hi]!]!.timestamp! < end) hi++;
    if (hi === lo) {
      // Jump over the gap to the first window that holds the next event (long idle periods
      // would otherwise cost one loop turn per empty slot).
      const next = Math.max(k + 1, Math.floor((events[order[lo]!]!.timestamp! - origin - size) / step) + 1);
      emptySlots += next - k;
      k = next;
      continue;
    }
    k++;
    const indices = order.slice(lo, hi).sort((a, b) => a - b);
    windows.push(makeWindow(`time:${start}`, "time", events, indices, { startTime: start, endTime: end }));
  }
  return { windows, rejected, emptySlots };
}
