import { multiclassConfusion } from "./multiclass-confusion.js";

/** Precision, recall, F1 and support of one class (one-vs-rest). */
export interface ClassScores {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  /** Items of this class in the truth. */
  support: number;
}

/** Per-class scores with macro and weighted averages (scikit-learn's `classification_report`). */
export interface ClassificationReport {
  perClass: ClassScores[];
  /** Unweighted mean over the classes present in the truth or the predictions (a present class with no hits counts 0). */
  macro: { precision: number; recall: number; f1: number };
  /** Mean weighted by support. */
  weighted: { precision: number; recall: number; f1: number };
  accuracy: number;
  total: number;
}

/**
 * scikit-learn's classification report: per-class P/R/F1 from the confusion matrix, their macro
 * (unweighted) and support-weighted means, and accuracy. A ratio with a zero denominator is 0.
 *
 * @example
 * const r = classificationReport([0, 0, 1, 2], [0, 1, 1, 2], ["a", "b", "c"]);
 * r.macro.f1; // (0.667 + 0.667 + 1) / 3
 */
export function classificationReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: readonly string[]): ClassificationReport {
  const { counts } = multiclassConfusion(yTrue, yPred, classes);
  const K = classes.length;
  const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const perClass: ClassScores[] = [];
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
    const precision = div(tp, predicted);
    const recall = div(tp, support);
    perClass.push({ class: classes[c]!, precision, recall, f1: div(2 * precision * recall, precision + recall), support });
  }
  const total = yTrue.length;
  // Macro averages run over the classes that occur in the truth or the predictions (sklearn's
  // default when no label list is given): a class absent from both says nothing about the model.
  const present = perClass.filter((c, k) => c.support > 0 || counts.some((r) => r[k]! > 0));
  const mean = (key: "precision" | "recall" | "f1"): number => present.reduce((s, c) => s + c[key], 0) / Math.max(1, present.length);
  const wmean = (key: "precision" | "recall" | "f1"): number => div(perClass.reduce((s, c) => s + c[key] * c.support, 0), total);
  return {
    perClass,
    macro: { precision: mean("precision"), recall: mean("recall"), f1: mean("f1") },
    weighted: { precision: wmean("precision"), recall: wmean("recall"), f1: wmean("f1") },
    accuracy: div(correct, total),
    total,
  };
}
