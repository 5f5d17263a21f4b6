/**
 * DeepLog's training and test examples: every (window of `window` keys, next key) pair of a
 * session, compressed to distinct pairs with counts and distinct windows.
 *
 * Why: HDFS's 4,855 training sessions give 46,575 windows but only 4,092 distinct (window, next)
 * pairs, so a model trained on each distinct pair once, weighted by its count, sees the same loss
 * for a tenth of the work; at inference each distinct window is predicted once and its
 * prediction reused by every session (and position) that holds it.
 *
 * Padding follows the reference code (wuyifan18/DeepLog `predict.py`): a session shorter than
 * `window + 1` keys is padded at its end with `padKey` (−1 there) up to `window + 1` keys, which
 * gives exactly one pair whose next key is usually the pad; in training (`train.py`) such
 * sessions give no pair at all, which is what `padding: "none"` does. `"left"` pads at the start
 * instead, so a short session's last key is predicted from a pad-filled context (a loglab
 * option for data sets with many short normal sessions, such as BGL). `"start"` puts `window`
 * pads before every session, so every key, the first included, is predicted from the keys before
 * it: with the other modes a session's first `window` keys are context only and never judged,
 * so an anomaly there (BGL's short sessions hold little else) is invisible to the model.
 */

/** How sessions are padded: see the module doc. */
export type NextKeyPadding = "reference" | "left" | "start" | "none";

/** Options of {@link indexNextKeyWindows}. */
export interface NextKeyWindowOptions {
  /** Keys per window (DeepLog: 10). */
  window: number;
  /** See the module doc. Default "reference". */
  padding?: NextKeyPadding;
  /** The pad key (default −1, as in the reference code). Must not occur in the data. */
  padKey?: number;
  /** Also keep every session's pairs position by position (with repetition, in order). Default false. */
  positions?: boolean;
}

/** Distinct windows, distinct (window, next) pairs with counts, and each session's pairs. */
export interface NextKeyIndex {
  window: number;
  padding: NextKeyPadding;
  padKey: number;
  /** Distinct windows, row-major: window w is `windows.subarray(w * window, (w + 1) * window)`. */
  windows: Int32Array;
  windowCount: number;
  /** Per distinct pair: its window id, next key, and how many times it occurs over all sessions. */
  pairWindow: Int32Array;
  pairNext: Int32Array;
  pairCount: Int32Array;
  /** Sessions' distinct pairs in CSR form: session s holds `sessionPairs[sessionOffsets[s] … sessionOffsets[s + 1])`. */
  sessionOffsets: Int32Array;
  sessionPairs: Int32Array;
  /**
   * With `positions: true`: every session's pair ids position by position (CSR), i.e. the pair
   * predicted at padded position i + window; null otherwise.
   */
  positionOffsets: Int32Array | null;
  positionPairs: Int32Array | null;
  /** All pairs with repetition (Σ over sessions of their window count): 46,575 for HDFS's training file. */
  totalPairs: number;
  /** Sessions indexed. */
  sessions: number;
  /** Distinct sessions among them. */
  distinctSessions: number;
  /** Sessions that gave no pair (shorter than window + 1 with padding "none"). */
  sessionsWithoutPairs: number;
}

/** A session padded for next-key prediction (a new array; the input is not changed). */
export function padForNextKey(sequence: readonly number[], window: number, padding: NextKeyPadding, padKey = -1): number[] {
  if (padding === "start") return sequence.length === 0 ? [] : [...new Array<number>(window).fill(padKey), ...sequence];
  const need = window + 1;
  if (sequence.length >= need || padding === "none") return sequence.slice();
  const pad = new Array<number>(need - sequence.length).fill(padKey);
  return padding === "reference" ? [...sequence, ...pad] : [...pad, ...sequence];
}

/**
 * Pad keys {@link padForNextKey} puts before a session of `length` keys: pair j of the padded
 * session predicts the session's key j + window − lead.
 */
export function padLead(length: number, window: number, padding: NextKeyPadding): number {
  if (padding === "start") return length === 0 ? 0 : window;
  return padding === "left" ? Math.max(0, window + 1 - length) : 0;
}

/**
 * Indexes the (window, next key) pairs of `sequences`.
 *
 * @example
 * const idx = indexNextKeyWindows(train.sequences, { window: 10 });
 * idx.totalPairs;      // 46,575 on hdfs_train
 * idx.pairCount.length // 4,092 distinct pairs
 */
export function indexNextKeyWindows(sequences: readonly (readonly number[])[], options: NextKeyWindowOptions): NextKeyIndex {
  const window = options.window;
  if (!Number.isInteger(window) || window < 1) throw new Error(`indexNextKeyWindows: window must be a positive integer, got ${window}`);
  const padding = options.padding ?? "reference";
  const padKey = options.padKey ?? -1;

  const windowIds = new Map<string, number>();
  const windowsFlat: number[] = [];
  const pairIds = new Map<string, number>();
  const pairWindow: number[] = [];
  const pairNext: number[] = [];
  const pairCount: number[] = [];
  // Distinct session → the pair ids of all its positions (with repetition) and its distinct pair ids.
  const sessionCache = new Map<string, { all: number[]; distinct: number[] }>();
  const sessionOffsets = new Int32Array(sequences.length + 1);
  const sessionPairs: number[] = [];
  const positionOffsets = options.positions ? new Int32Array(sequences.length + 1) : null;
  const positionPairs: number[] = [];
  let totalPairs = 0;
  let withoutPairs = 0;

  for (let s = 0; s < sequences.length; s++) {
    const raw = sequences[s]!;
    const sessionKey = raw.join(" ");
    let entry = sessionCache.get(sessionKey);
    if (!entry) {
      const seq = padForNextKey(raw, window, padding, padKey);
      const all: number[] = [];
      for (let i = 0; i + window < seq.length; i++) {
        const w = seq.slice(i, i + window);
        const wKey = w.join(" ");
        let wid = windowIds.get(wKey);
        if (wid === undefined) {
          wid = windowIds.size;
          windowIds.set(wKey, wid);
          windowsFlat.push(...w);
        }
        const next = seq[i + window]!;
        const pKey = `${wid}:${next}`;
        let pid = pairIds.get(pKey);
        if (pid === undefined) {
          pid = pairWindow.length;
          pairIds.set(pKey, pid);
          pairWindow.push(wid);
          pairNext.push(next);
          pairCount.push(0);
        }
        all.push(pid);
      }
      entry = { all, distinct: [...new Set(all)] };
      sessionCache.set(sessionKey, entry);
    }
    for (const pid of entry.all) pairCount[pid]!++;
    if (entry.all.length === 0) withoutPairs++;
    totalPairs += entry.all.length;
    sessionPairs.push(...entry.distinct);
    sessionOffsets[s + 1] = sessionPairs.length;
    if (positionOffsets) {
      positionPairs.push(...entry.all);
      positionOffsets[s + 1] = positionPairs.length;
    }
  }

  return {
    window,
    padding,
    padKey,
    windows: Int32Array.from(windowsFlat),
    windowCount: windowIds.size,
    pairWindow: Int32Array.from(pairWindow),
    pairNext: Int32Array.from(pairNext),
    pairCount: Int32Array.from(pairCount),
    sessionOffsets,
    sessionPairs: Int32Array.from(sessionPairs),
    positionOffsets,
    positionPairs: positionOffsets ? Int32Array.from(positionPairs) : null,
    totalPairs,
    sessions: sequences.length,
    distinctSessions: sessionCache.size,
    sessionsWithoutPairs: withoutPairs,
  };
}

/** The keys of window `w` of an index (a view, not a copy). */
export function nextKeyWindowAt(index: NextKeyIndex, w: number): Int32Array {
  return index.windows.subarray(w * index.window, (w + 1) * index.window);
}
