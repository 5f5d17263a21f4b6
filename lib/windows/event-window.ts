import type { LineRef } from "../io/line-ref.js";

/** What windowing needs from an event: where it came from and, for time windows, when. `LogRecord` fits. */
export interface WindowableEvent {
  file: string;
  lineNo: number;
  /** Epoch milliseconds (required by time windows only). */
  timestamp?: number;
}

/** How a window was made. */
export type WindowKind = "session" | "count" | "time" | "line";

/**
 * A group of events: a session, a fixed or sliding window. It keeps the positions of its events
 * in the input array and the file and line each came from, so any result on a window can be
 * shown as its raw lines (USER-ASKS #6).
 */
export interface EventWindow {
  /** Unique within one windowing: `blk_-123` for a session, `count:17`, `time:1117838570000`. */
  id: string;
  kind: WindowKind;
  /** Positions of the window's events in the input array, ascending. */
  indices: number[];
  /** The file and line of each event (parallel to `indices`). */
  lines: LineRef[];
  /** Window start and end (epoch ms) for time windows: [start, end). */
  startTime?: number;
  endTime?: number;
}

/** First and last input position of a window's events. */
export function windowSpan(w: EventWindow): { first: number; last: number } {
  if (w.indices.length === 0) throw new Error(`window ${w.id} is empty`);
  return { first: w.indices[0]!, last: w.indices[w.indices.length - 1]! };
}

/** Builds a window from sorted positions into `events`. */
export function makeWindow(id: string, kind: WindowKind, events: readonly WindowableEvent[], indices: number[], extra: { startTime?: number; endTime?: number } = {}): EventWindow {
  return {
    id,
    kind,
    indices,
    lines: indices.map((i) => ({ file: events[i]!.file, lineNo: events[i]!.lineNo })),
    ...extra,
  };
}

/** One window per event (the identity windowing, e.g. one per DeepLog key-file session line). */
export function lineWindows(events: readonly WindowableEvent[]): EventWindow[] {
  return events.map((e, i) => makeWindow(`line:${e.file}:${e.lineNo}`, "line", events, [i]));
}

/**
 * Per-window values from per-event values, e.g. the key sequence of each window.
 *
 * @example
 * const keys = windowValues(windows, parsed.map((p) => p.templateId));
 */
export function windowValues<T>(windows: readonly EventWindow[], values: readonly T[]): T[][] {
  return windows.map((w) =>
    w.indices.map((i) => {
      if (i >= values.length) throw new Error(`window ${w.id}: position ${i} is beyond the ${values.length} values given`);
      return values[i]!;
    }),
  );
}

/**
 * Window labels from line labels: a window is anomalous (1) when any of its events is.
 */
export function windowLabels(windows: readonly EventWindow[], eventLabels: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(windows.length);
  windows.forEach((w, k) => {
    for (const i of w.indices) {
      if (i >= eventLabels.length) throw new Error(`window ${w.id}: position ${i} is beyond the ${eventLabels.length} labels given`);
      if (eventLabels[i]) {
        out[k] = 1;
        break;
      }
    }
  });
  return out;
}
