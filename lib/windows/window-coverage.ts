import type { EventWindow } from "./event-window.js";

/**
 * Positions of the events (0 … n−1) that no window holds: what windowing left out, e.g. the
 * events between windows when the step is longer than the window, or lines without a session
 * id. Callers report each one (a line is either in a window or counted with its reason).
 *
 * @example
 * const left = uncoveredEvents(events.length, slidingCountWindows(events, { size: 5, step: 10 })); // [5, …, 9, 15, …]
 */
export function uncoveredEvents(n: number, windows: readonly EventWindow[]): number[] {
  const covered = new Uint8Array(n);
  for (const w of windows) for (const i of w.indices) if (i >= 0 && i < n) covered[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!covered[i]) out.push(i);
  return out;
}
