import { groupingAccuracy } from "./grouping-accuracy.js";

/**
 * F1 of grouping accuracy (FGA), as defined by Loghub-2.0 (Jiang et al., "A Large-scale
 * Evaluation for Log Parsing Techniques: How Far are we?", ISSTA 2024): a ground-truth group is
 * correct when a predicted group holds exactly its lines (the GA criterion); precision = correct
 * groups / predicted groups, recall = correct groups / ground-truth groups, FGA = their harmonic
 * mean. Unlike GA, every group weighs the same, so rare events count as much as frequent ones.
 */

/** The result of {@link groupingF1}. */
export interface GroupingF1 {
  fga: number;
  precision: number;
  recall: number;
  correctGroups: number;
  truthGroups: number;
  predictedGroups: number;
}

/**
 * FGA.
 *
 * @example
 * // truth A A B C, predicted x x y y: group A is exact (x); B and C share y → 1 correct of 3 truth, 2 predicted
 * groupingF1(["A", "A", "B", "C"], ["x", "x", "y", "y"]).fga; // 2·(1/2·1/3)/(1/2+1/3) = 0.4
 */
export function groupingF1(truth: ArrayLike<string | number>, predicted: ArrayLike<string | number>): GroupingF1 {
  const g = groupingAccuracy(truth, predicted);
  const precision = g.predictedGroups === 0 ? 0 : g.correctGroups / g.predictedGroups;
  const recall = g.truthGroups === 0 ? 0 : g.correctGroups / g.truthGroups;
  const fga = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { fga, precision, recall, correctGroups: g.correctGroups, truthGroups: g.truthGroups, predictedGroups: g.predictedGroups };
}
