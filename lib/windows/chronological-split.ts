import { windowSpan, type EventWindow } from "./event-window.js";

/** Shares of train, validation and test (non-negative, summing to 1). */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/** The three parts of a split. */
export type SplitName = "train" | "validation" | "test";

/** The split names in chronological order. */
export const SPLIT_NAMES: readonly SplitName[] = ["train", "validation", "test"];

/** Options of {@link chronologicalSplit}. */
export interface ChronologicalSplitOptions {
  fractions: SplitFractions;
  /**
   * What the fractions count (default `windows`): `windows` places the boundaries so that about
   * that share of windows ends before them; `events` cuts the event stream itself at those shares
   * of `eventCount` positions.
   */
  by?: "windows" | "events";
  /** Number of input events (for `by: "events"`; default: one past the last position used). */
  eventCount?: number;
}

/** A chronological split of windows. */
export interface WindowSplit<W extends EventWindow = EventWindow> {
  train: W[];
  validation: W[];
  test: W[];
  /** Windows that straddle a boundary: they belong to no split (counted, never silently moved). */
  dropped: W[];
  /** Input positions where validation and test begin (train is everything before `validation`). */
  boundaries: { validation: number; test: number };
  fractions: SplitFractions;
}

/** Checks fractions: each in [0, 1], train > 0, summing to 1 (±1e-9). */
export function checkSplitFractions(f: SplitFractions): void {
  for (const k of ["train", "validation", "test"] as const) {
    if (!(f[k] >= 0 && f[k] <= 1)) throw new Error(`split fraction ${k} must be in [0, 1], got ${f[k]}`);
  }
  if (!(f.train > 0)) throw new Error("split fraction train must be positive");
  const sum = f.train + f.validation + f.test;
  if (Math.abs(sum - 1) > 1e-9) throw new Error(`split fractions must sum to 1, got ${sum} (train ${f.train}, validation ${f.validation}, test ${f.test})`);
}

/**
 * Splits windows chronologically: input order is time order (sort events by time first when a
 * file is not). Two boundaries cut the event stream; a window belongs to a split only when all
 * its events lie on that split's side of both boundaries, and windows that straddle a boundary
 * are dropped, so no window crosses a split boundary and no event is in two splits through
 * overlapping windows (the LogBERT issue #57 leak). Nothing is shuffled.
 *
 * @example
 * const split = chronologicalSplit(slidingCountWindows(events, { size: 20, step: 5 }),
 *   { fractions: { train: 0.7, validation: 0.1, test: 0.2 } });
 * split.dropped.length; // the few windows around each boundary
 */
export function chronologicalSplit<W extends EventWindow>(windows: readonly W[], options: ChronologicalSplitOptions): WindowSplit<W> {
  const f = options.fractions;
  checkSplitFractions(f);
  const spans = windows.map((w) => windowSpan(w));
  let b1: number;
  let b2: number;
  if ((options.by ?? "windows") === "events") {
    const n = options.eventCount ?? spans.reduce((m, s) => Math.max(m, s.last + 1), 0);
    b1 = Math.round(f.train * n);
    b2 = f.test === 0 ? Number.POSITIVE_INFINITY : Math.round((f.train + f.validation) * n);
  } else {
    const total = windows.length;
    const byEnd = spans.map((s, i) => ({ ...s, i })).sort((a, b) => a.last - b.last || a.first - b.first);
    const k1 = Math.min(total, Math.round(f.train * total));
    b1 = k1 > 0 ? byEnd[k1 - 1]!.last + 1 : 0;
    if (f.test === 0) b2 = Number.POSITIVE_INFINITY;
    else {
      const rest = byEnd.filter((s) => s.first >= b1);
      const k2 = Math.min(rest.length, Math.round(f.validation * total));
      b2 = k2 > 0 ? rest[k2 - 1]!.last + 1 : b1;
    }
  }
  const out: WindowSplit<W> = { train: [], validation: [], test: [], dropped: [], boundaries: { validation: b1, test: b2 }, fractions: { ...f } };
  windows.forEach((w, i) => {
    const s = spans[i]!;
    if (s.last < b1) out.train.push(w);
    else if (s.first >= b1 && s.last < b2) out.validation.push(w);
    else if (s.first >= b2) out.test.push(w);
    else out.dropped.push(w);
  });
  return out;
}

/** One row of a split-count table. */
export type SplitCountRow = { dataset: string; split: SplitName | "dropped (straddle a boundary)"; windows: number; share: number };

/** Window counts per split as table rows (with the dropped ones). */
export function splitCountRows(split: WindowSplit, label = ""): SplitCountRow[] {
  const total = split.train.length + split.validation.length + split.test.length + split.dropped.length;
  return [
    ...SPLIT_NAMES.map((name) => ({ dataset: label, split: name, windows: split[name].length, share: total ? split[name].length / total : 0 })),
    { dataset: label, split: "dropped (straddle a boundary)" as const, windows: split.dropped.length, share: total ? split.dropped.length / total : 0 },
  ];
}
