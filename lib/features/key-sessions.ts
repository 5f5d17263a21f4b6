import type { EventKeyMap } from "./event-key-map.js";
import type { EventWindow } from "../windows/event-window.js";

/** Key sequences built from windows of parsed events, with the windows they came from. */
export interface WindowKeySequences {
  /** One integer key sequence per window (DeepLog-style), in window order. */
  sequences: number[][];
  /** The windows (each keeps the file and line of every event). */
  windows: EventWindow[];
  /** Per window: 1 when any of its events is labelled anomalous (only when labels were given). */
  labels?: Uint8Array;
}

/**
 * Turns windows of parsed events into integer key sequences through an append-only
 * {@link EventKeyMap}. Windows with no events are skipped (none are produced by the windowing
 * functions). With `eventLabels`, a window is anomalous when any of its events is.
 *
 * @example
 * const { windows } = sessionWindows(events, { idPattern: /blk_-?\d+/ });
 * const keyed = windowKeySequences(events, windows, map);
 */
export function windowKeySequences(
  events: readonly { templateId: string; template: string }[],
  windows: readonly EventWindow[],
  keyMap: EventKeyMap,
  eventLabels?: ArrayLike<number>,
): WindowKeySequences {
  const kept = windows.filter((w) => w.indices.length > 0);
  const sequences = kept.map((w) =>
    w.indices.map((i) => {
      const e = events[i];
      if (!e) throw new Error(`window ${w.id}: event position ${i} is beyond the ${events.length} events given`);
      return keyMap.keyOf(e.templateId, e.template);
    }),
  );
  let labels: Uint8Array | undefined;
  if (eventLabels) {
    labels = new Uint8Array(kept.length);
    kept.forEach((w, k) => {
      labels![k] = w.indices.some((i) => eventLabels[i] === 1) ? 1 : 0;
    });
  }
  return { sequences, windows: kept, ...(labels ? { labels } : {}) };
}
