import { multiclassConfusion } from "./multiclass-confusion.js";

/** One class of a {@link SupportedClassReport}. */
export interface SupportedClassRow {
  class: string;
  /** Test items of the class. */
  support: number;
  /** Training items of the class (when training labels were given). */
  trainSupport: number | null;
  /** null when the class has no test support (nothing to recall: reported as such, not as 0). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Test items predicted as this class. */
  predicted: number;
  status: "scored" | "no test support";
}

/** Multi-class scores where classes without test support are marked, not averaged in as zeros. */
export interface SupportedClassReport {
  classes: string[];
  perClass: SupportedClassRow[];
  /** Mean F1 over the classes with test support. */
  macroF1: number;
  /** F1 weighted by test support. */
  weightedF1: number;
  /** Mean F1 over the classes with support in both training and test (null without training labels). */
  macroF1Shared: number | null;
  accuracy: number;
  total: number;
  /** `confusion[t][p]`: test items of class t predicted as p. */
  confusion: number[][];
}

/**
 * Per-class precision, recall and F1 from predictions, with macro and weighted F1 over the
 * classes that occur in the test truth (a class absent from the test part cannot be recalled, so
 * its row says "no test support" instead of scoring 0; predictions of it still cost the other
 * classes their recall). With `trainY`, also the macro F1 over classes present in both parts.
 *
 * @example
 * const r = supportedClassReport([0, 0, 1], [0, 1, 1], ["a", "b", "c"]);
 * r.perClass[2].status; // "no test support"
 * r.macroF1; // mean of a's and b's F1
 */
export function supportedClassReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: readonly string[], trainY?: ArrayLike<number>): SupportedClassReport {
  const { counts } = multiclassConfusion(yTrue, yPred, classes);
  const K = classes.length;
  const train = new Array<number>(K).fill(0);
  if (trainY) for (let i = 0; i < trainY.length; i++) train[trainY[i]!]!++;
  const rows: SupportedClassRow[] = [];
  let correct = 0;
  for (let c = 0; c < K; c++) {
    const tp = counts[c]![c]!;
    correct += tp;
    let predicted = 0;
    let support = 0;
    for (let o = 0; o < K; o++) {
      predicted += counts[o]![c]!;
      support += counts[c]![o]!;
    }
    if (support === 0) {
      rows.push({ class: classes[c]!, support, trainSupport: trainY ? train[c]! : null, precision: null, recall: null, f1: null, predicted, status: "no test support" });
      continue;
    }
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    rows.push({ class: classes[c]!, support, trainSupport: trainY ? train[c]! : null, precision, recall, f1, predicted, status: "scored" });
  }
  const scored = rows.filter((r) => r.status === "scored");
  const total = yTrue.length;
  const mean = (rs: readonly SupportedClassRow[]): number => (rs.length ? rs.reduce((s, r) => s + r.f1!, 0) / rs.length : 0);
  const shared = trainY ? scored.filter((r) => (r.trainSupport ?? 0) > 0) : null;
  return {
    classes: [...classes],
    perClass: rows,
    macroF1: mean(scored),
    weightedF1: total ? scored.reduce((s, r) => s + r.f1! * r.support, 0) / total : 0,
    macroF1Shared: shared ? mean(shared) : null,
    accuracy: total ? correct / total : 0,
    total,
    confusion: counts,
  };
}

/** Per-class rows for a table: precision, recall, F1 (or "no test support"), supports. */
export function supportedClassRows(r: SupportedClassReport): Record<string, string | number>[] {
  const fmt = (v: number | null): string | number => (v === null ? "no test support" : v);
  return [
    ...r.perClass.map((c) => ({ class: c.class, precision: fmt(c.precision), recall: fmt(c.recall), F1: fmt(c.f1), "test support": c.support, "train support": c.trainSupport ?? "", predicted: c.predicted })),
    { class: "macro avg (classes with test support)", precision: "", recall: "", F1: r.macroF1, "test support": r.total, "train support": "", predicted: "" },
    { class: "weighted avg", precision: "", recall: "", F1: r.weightedF1, "test support": r.total, "train support": "", predicted: "" },
  ];
}
