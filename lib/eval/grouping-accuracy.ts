/**
 * Grouping accuracy (GA) of a log parser, as logparser's evaluator computes it (Zhu et al.,
 * "Tools and Benchmarks for Automated Log Parsing", ICSE-SEIP 2019; `logparser/utils/evaluator.py`):
 * a line counts as correctly parsed when the set of lines its parser put in the same group is
 * exactly the set of lines of its ground-truth group. GA = correctly grouped lines / all lines.
 *
 * Groups are whatever labels are given: ground-truth templates (Loghub-2.0 groups by
 * EventTemplate; the old logparser by EventId, the same partition on the LogHub 2k files except
 * Linux-corrected) and predicted template ids or texts.
 */

/** The result of {@link groupingAccuracy}. */
export interface GroupingAccuracy {
  /** Correctly grouped lines / lines. */
  ga: number;
  /** Lines whose group is exactly right. */
  correctLines: number;
  /** Ground-truth groups reproduced exactly. */
  correctGroups: number;
  /** Distinct ground-truth groups. */
  truthGroups: number;
  /** Distinct predicted groups. */
  predictedGroups: number;
  lines: number;
}

function checkLengths(truth: ArrayLike<unknown>, predicted: ArrayLike<unknown>, what: string): void {
  if (truth.length !== predicted.length) {
    throw new Error(`${what}: ${truth.length} ground-truth labels but ${predicted.length} predictions (one per line expected)`);
  }
}

/**
 * Grouping accuracy: for each ground-truth group, the group is right when all its lines carry one
 * predicted label and no other line carries that label.
 *
 * @example
 * // truth: A A B B, predicted: x x x y → group A's label x also covers a B line: GA = 0
 * groupingAccuracy(["A", "A", "B", "B"], ["x", "x", "x", "y"]).ga; // 0
 * groupingAccuracy(["A", "A", "B", "B"], ["x", "x", "y", "y"]).ga; // 1
 */
export function groupingAccuracy(truth: ArrayLike<string | number>, predicted: ArrayLike<string | number>): GroupingAccuracy {
  checkLengths(truth, predicted, "groupingAccuracy");
  const n = truth.length;
  const predCount = new Map<string | number, number>();
  for (let i = 0; i < n; i++) predCount.set(predicted[i]!, (predCount.get(predicted[i]!) ?? 0) + 1);
  // Per truth group: its size and its single predicted label (or a marker when it has several).
  const MIXED = Symbol("mixed");
  const groups = new Map<string | number, { size: number; label: string | number | typeof MIXED }>();
  for (let i = 0; i < n; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    const g = groups.get(t);
    if (!g) groups.set(t, { size: 1, label: p });
    else {
      g.size++;
      if (g.label !== p) g.label = MIXED;
    }
  }
  let correctLines = 0;
  let correctGroups = 0;
  for (const g of groups.values()) {
    if (g.label !== MIXED && predCount.get(g.label) === g.size) {
      correctLines += g.size;
      correctGroups++;
    }
  }
  return { ga: n === 0 ? 0 : correctLines / n, correctLines, correctGroups, truthGroups: groups.size, predictedGroups: predCount.size, lines: n };
}
