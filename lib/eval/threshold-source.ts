/**
 * Where a decision threshold came from, as a value (not a sentence to match later): tables,
 * model cards and the CLI describe it with {@link describeThresholdSource}.
 * - `max-f1`: the best F1 on `validationSessions` labelled validation sessions;
 * - `max-fpr`: at most `fpr` of `validationNormals` validation normals flagged; `rule` names the
 *   model's own estimator when it chose (DeepLog's g from its predictive probabilities), else null
 *   (the lowest threshold with observed FPR ≤ fpr);
 * - `fixed`: given by the caller;
 * - `model`: the model's own threshold from its paper (PCA's Q-statistic, DeepLog's g, …).
 */
export type ThresholdSource =
  | { kind: "max-f1"; validationSessions: number }
  | { kind: "max-fpr"; fpr: number; validationNormals: number; rule: string | null }
  | { kind: "fixed"; threshold: number }
  | { kind: "model"; threshold: number }
  // Model cards written before the source was typed held it as a sentence; they keep it.
  | { kind: "described"; text: string };

/** A threshold source in words, e.g. "max F1 on 654 validation sessions". */
export function describeThresholdSource(s: ThresholdSource): string {
  switch (s.kind) {
    case "max-f1":
      return `max F1 on ${s.validationSessions} validation sessions`;
    case "max-fpr":
      return s.rule ? `${s.rule} (FPR ≤ ${s.fpr} on ${s.validationNormals} validation normals)` : `lowest threshold with FPR ≤ ${s.fpr} on ${s.validationNormals} validation normals`;
    case "fixed":
      return `fixed at ${s.threshold}`;
    case "model":
      return `the model's own threshold (${s.threshold})`;
    case "described":
      return s.text;
  }
}
