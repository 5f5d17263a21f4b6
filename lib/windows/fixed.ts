import type { EventWindow, WindowableEvent } from "./event-window.js";
import { slidingCountWindows, slidingTimeWindows, type TimeWindows } from "./sliding.js";

/**
 * Non-overlapping windows of `size` consecutive events (the last may be shorter).
 *
 * @example
 * fixedCountWindows(events, 100).length; // ceil(events.length / 100)
 */
export function fixedCountWindows(events: readonly WindowableEvent[], size: number): EventWindow[] {
  return slidingCountWindows(events, { size, step: size });
}

/**
 * Non-overlapping time windows of `sizeMs` (empty ones not emitted).
 *
 * @example
 * fixedTimeWindows(bgl, 3600e3); // hourly windows
 */
export function fixedTimeWindows(events: readonly WindowableEvent[], sizeMs: number, originMs?: number): TimeWindows {
  return slidingTimeWindows(events, { sizeMs, stepMs: sizeMs, originMs });
}
