import type { EventWindow } from "./event-window.js";
import { SPLIT_NAMES, type SplitName } from "./chronological-split.js";

/** One way a split leaks. */
export interface LeakageViolation {
  /**
   * - `shared-line`: the same input line is in windows of two splits;
   * - `order`: a later split holds a line that is not after every line of an earlier split in
   *   the same file (a window crosses a split boundary, or the split is not chronological);
   * - `duplicate`: a validation/test window's sequence also occurs in train (or test's in
   *   validation) while duplicates are not declared allowed.
   */
  kind: "shared-line" | "order" | "duplicate";
  /** The earlier and the later split involved. */
  splits: [SplitName, SplitName];
  /** Id of the offending window (in the later split). */
  window: string;
  detail: string;
}

/** Options of {@link checkSplitLeakage}. */
export interface LeakageOptions<W> {
  /** Identical sequences across splits are expected (e.g. HDFS's repeated normal sessions): count them, do not flag them. */
  allowDuplicates?: boolean;
  /** A window's sequence as a string key (needed for the duplicate check; without it duplicates are not checked). */
  sequenceOf?: (w: W) => string;
  /** Keep at most this many violations per kind in the report (default 20; counts are always complete). */
  maxExamples?: number;
}

/** The verdict of {@link checkSplitLeakage}. */
export interface LeakageReport {
  ok: boolean;
  counts: Record<LeakageViolation["kind"], number>;
  violations: LeakageViolation[];
  /** Windows of a later split whose sequence occurs in an earlier one (reported even when allowed). */
  duplicates: { validationInTrain: number; testInTrain: number; testInValidation: number } | null;
  allowDuplicates: boolean;
}

/**
 * Checks a split for leakage: no input line in two splits, chronological order per file (every
 * line of a later split after every line of an earlier split in the same file), and, unless
 * duplicates are declared allowed, no validation/test sequence that also occurs in an earlier
 * split. A shuffled split of overlapping windows fails all three.
 *
 * @example
 * const report = checkSplitLeakage(split, { sequenceOf: (w) => keysOf(w).join(" "), allowDuplicates: true });
 * if (!report.ok) throw new Error(report.violations[0].detail);
 */
export function checkSplitLeakage<W extends EventWindow>(split: { train: readonly W[]; validation: readonly W[]; test: readonly W[] }, options: LeakageOptions<W> = {}): LeakageReport {
  const max = options.maxExamples ?? 20;
  const counts: LeakageReport["counts"] = { "shared-line": 0, order: 0, duplicate: 0 };
  const violations: LeakageViolation[] = [];
  const add = (v: LeakageViolation): void => {
    counts[v.kind]++;
    if (violations.filter((x) => x.kind === v.kind).length < max) violations.push(v);
  };

  // Which split owns each line, and each split's line range per file.
  const owner = new Map<string, SplitName>();
  const range = new Map<SplitName, Map<string, { min: number; max: number }>>();
  for (const name of SPLIT_NAMES) {
    const perFile = new Map<string, { min: number; max: number }>();
    range.set(name, perFile);
    for (const w of split[name]) {
      for (const ref of w.lines) {
        const key = `${ref.file}\u0000${ref.lineNo}`;
        const prev = owner.get(key);
        if (prev !== undefined && prev !== name) {
          add({ kind: "shared-line", splits: [prev, name], window: w.id, detail: `${ref.file}:${ref.lineNo} is in ${prev} and in ${name} (window ${w.id})` });
        } else owner.set(key, name);
        const r = perFile.get(ref.file);
        if (!r) perFile.set(ref.file, { min: ref.lineNo, max: ref.lineNo });
        else {
          if (ref.lineNo < r.min) r.min = ref.lineNo;
          if (ref.lineNo > r.max) r.max = ref.lineNo;
        }
      }
    }
  }
  // Order: every line of a later split must come after the last line of each earlier split (same file).
  for (let a = 0; a < SPLIT_NAMES.length; a++) {
    for (let b = a + 1; b < SPLIT_NAMES.length; b++) {
      const early = SPLIT_NAMES[a]!;
      const late = SPLIT_NAMES[b]!;
      const earlyRange = range.get(early)!;
      for (const w of split[late]) {
        const bad = w.lines.find((ref) => {
          const r = earlyRange.get(ref.file);
          return r !== undefined && ref.lineNo <= r.max;
        });
        if (bad) add({ kind: "order", splits: [early, late], window: w.id, detail: `${late} window ${w.id} holds ${bad.file}:${bad.lineNo}, not after ${early}'s last line ${earlyRange.get(bad.file)!.max} of that file` });
      }
    }
  }
  // Duplicates.
  let duplicates: LeakageReport["duplicates"] = null;
  if (options.sequenceOf) {
    const seqOf = options.sequenceOf;
    const trainSeqs = new Set(split.train.map(seqOf));
    const valSeqs = new Set(split.validation.map(seqOf));
    duplicates = { validationInTrain: 0, testInTrain: 0, testInValidation: 0 };
    for (const w of split.validation) {
      if (trainSeqs.has(seqOf(w))) {
        duplicates.validationInTrain++;
        if (!options.allowDuplicates) add({ kind: "duplicate", splits: ["train", "validation"], window: w.id, detail: `validation window ${w.id} repeats a train sequence` });
      }
    }
    for (const w of split.test) {
      const s = seqOf(w);
      if (trainSeqs.has(s)) {
        duplicates.testInTrain++;
        if (!options.allowDuplicates) add({ kind: "duplicate", splits: ["train", "test"], window: w.id, detail: `test window ${w.id} repeats a train sequence` });
      } else if (valSeqs.has(s)) {
        duplicates.testInValidation++;
        if (!options.allowDuplicates) add({ kind: "duplicate", splits: ["validation", "test"], window: w.id, detail: `test window ${w.id} repeats a validation sequence` });
      }
    }
  }
  const ok = counts["shared-line"] + counts.order + counts.duplicate === 0;
  return { ok, counts, violations, duplicates, allowDuplicates: options.allowDuplicates === true };
}
