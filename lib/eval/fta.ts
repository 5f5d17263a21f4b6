/**
 * F1 of template accuracy (FTA), as defined by Loghub-2.0 (Jiang et al., ISSTA 2024; after
 * Khan et al., ICSE 2022): lines are grouped by their *predicted template text*; a predicted
 * template is correct when every line it covers has that very text as ground-truth template.
 * Precision (PTA) = correct / predicted templates, recall (RTA) = correct / ground-truth
 * templates, FTA = their harmonic mean. Whitespace is trimmed and collapsed as in
 * {@link parsingAccuracy} unless `whitespace: false`.
 */

/** The result of {@link templateF1}. */
export interface TemplateF1 {
  fta: number;
  /** PTA. */
  precision: number;
  /** RTA. */
  recall: number;
  correctTemplates: number;
  truthTemplates: number;
  predictedTemplates: number;
}

/**
 * FTA.
 *
 * @example
 * // truth: "a <*>" "a <*>" "b"; predicted: "a <*>" "a <*>" "b <*>" → 1 correct of 2 predicted, 2 truth
 * templateF1(["a <*>", "a <*>", "b"], ["a <*>", "a <*>", "b <*>"]).fta; // 0.5
 */
export function templateF1(truth: readonly string[], predicted: readonly string[], options: { whitespace?: boolean } = {}): TemplateF1 {
  if (truth.length !== predicted.length) {
    throw new Error(`templateF1: ${truth.length} ground-truth templates but ${predicted.length} predictions (one per line expected)`);
  }
  const ws = options.whitespace !== false;
  const norm = (s: string): string => (ws ? s.trim().replace(/\s+/g, " ") : s);
  const truthSet = new Set<string>();
  // Per predicted template: does every line's truth equal it?
  const ok = new Map<string, boolean>();
  for (let i = 0; i < truth.length; i++) {
    const t = norm(truth[i]!);
    const p = norm(predicted[i]!);
    truthSet.add(t);
    const prev = ok.get(p);
    ok.set(p, (prev ?? true) && t === p);
  }
  let correct = 0;
  for (const v of ok.values()) if (v) correct++;
  const precision = ok.size === 0 ? 0 : correct / ok.size;
  const recall = truthSet.size === 0 ? 0 : correct / truthSet.size;
  const fta = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { fta, precision, recall, correctTemplates: correct, truthTemplates: truthSet.size, predictedTemplates: ok.size };
}
