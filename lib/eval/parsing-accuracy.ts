/**
 * Parsing accuracy (PA), as Loghub-2.0 computes it (Jiang et al., ISSTA 2024; first proposed as
 * "message-level accuracy" by Dai et al. and Liu et al. 2022): the share of lines whose predicted
 * template text equals the ground-truth template exactly.
 *
 * Normalisation: Loghub-2.0's evaluator compares the two `EventTemplate` strings as read from
 * CSV, with no other change; `whitespace: true` (default) additionally trims both and collapses
 * whitespace runs to one space, which only matters for hand-written templates (Drain's templates
 * are single-spaced, and so are the LogHub ground-truth files).
 */

/** Options of {@link parsingAccuracy}. */
export interface ParsingAccuracyOptions {
  /** Trim and collapse whitespace runs in both templates before comparing (default true). */
  whitespace?: boolean;
}

function norm(s: string): string {
  return s.trim().replace(/\s+/g, " ");
}

/**
 * PA = lines whose predicted template equals the ground truth / lines.
 *
 * @example
 * parsingAccuracy(["a <*>", "b"], ["a <*>", "b <*>"]); // 0.5
 */
export function parsingAccuracy(truth: readonly string[], predicted: readonly string[], options: ParsingAccuracyOptions = {}): number {
  if (truth.length !== predicted.length) {
    throw new Error(`parsingAccuracy: ${truth.length} ground-truth templates but ${predicted.length} predictions (one per line expected)`);
  }
  if (truth.length === 0) return 0;
  const ws = options.whitespace !== false;
  let ok = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    if (t === p || (ws && norm(t) === norm(p))) ok++;
  }
  return ok / truth.length;
}
