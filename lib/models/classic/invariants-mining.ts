/**
 * Invariants Mining (Lou, Fu, Yang, Xu & Li, "Mining Invariants from Console Logs for System
 * Problem Detection", USENIX ATC'10), as loglizer implements it: linear relations with small
 * integer coefficients between event counts that hold in (almost) every normal session, e.g.
 * count(open) − count(close) = 0.
 * 1. The invariant-space dimension r is estimated from the eigenvectors of XᵀX, smallest
 *    eigenvalue first: each one whose |X·v| < `epsilon` holds for at least `percentage` of the
 *    rows counts as one invariant direction (§4.2).
 * 2. Candidate column sets grow Apriori-style (size 1, 2, …, up to `longestInvariant`): a set is
 *    tried only if it contains no set already found invariant, and built from sets that failed.
 *    For a candidate, the eigenvector of the smallest eigenvalue of its Gram submatrix is scaled
 *    to integers (divided by its smallest non-zero |entry|, times 1, 2 or 3, rounded); it is an
 *    invariant when |X_cols·θ| < 1e-8 on at least `percentage` of the rows (§4.3). The search
 *    stops after r invariants (at least the columns never used in training, which are invariants
 *    "count = 0").
 * 3. A row's score is Σ over invariants of |x_cols·θ| (loglizer's violation sum); the model's own
 *    threshold flags any violation (score > 1e-6).
 * Rows are deduplicated and weighted by their counts (HDFS: 839 distinct of 4,855 sessions).
 */
import { EVD, Matrix } from "ml-matrix";
import { checkFeatureRows, type FeatureRows } from "./feature-rows.js";
import type { OutlierModel } from "./outlier-model.js";

/** Parameters of {@link InvariantsMining}. */
export interface InvariantsMiningOptions {
  /** Share of training rows an invariant must hold on (default 0.98). */
  percentage?: number;
  /** |X·v| below this counts as zero when estimating the invariant-space dimension (default 0.5). */
  epsilon?: number;
  /** Largest number of columns in one invariant (default 3). */
  longestInvariant?: number;
  /** Stop after considering this many candidate sets (default 200,000), a bound on time for wide vocabularies. */
  maxCandidates?: number;
}

/** One mined invariant: Σ_j theta[j] · x[columns[j]] = 0 on normal rows. */
export interface Invariant {
  columns: number[];
  theta: number[];
}

function smallestEigenvector(gram: number[][]): number[] {
  if (gram.length === 1) return [1];
  const evd = new EVD(new Matrix(gram), { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[best]!) best = i;
  return evd.eigenvectorMatrix.getColumn(best);
}

/**
 * Invariants Mining outlier model.
 *
 * @example
 * const im = new InvariantsMining({ percentage: 0.98 });
 * im.fit(normalCountRows);
 * im.invariants; // e.g. [{ columns: [2, 5], theta: [1, -1] }]
 */
export class InvariantsMining implements OutlierModel {
  readonly kind = "invariants-mining";
  invariants: Invariant[] = [];
  /** The estimated invariant-space dimension r. */
  estimatedDimension = 0;
  /** Candidate sets checked (eigenvector computed). */
  candidatesChecked = 0;
  /** Candidate sets considered (counted against `maxCandidates`). */
  candidatesConsidered = 0;
  private cols = 0;
  readonly intrinsicThreshold = 1e-6;
  private readonly options: Required<InvariantsMiningOptions>;

  constructor(options: InvariantsMiningOptions = {}) {
    this.options = {
      percentage: options.percentage ?? 0.98,
      epsilon: options.epsilon ?? 0.5,
      longestInvariant: options.longestInvariant ?? 3,
      maxCandidates: options.maxCandidates ?? 200_000,
    };
    if (!(this.options.percentage > 0 && this.options.percentage <= 1)) throw new Error(`invariants mining: percentage must be in (0, 1], got ${this.options.percentage}`);
    if (!(Number.isInteger(this.options.longestInvariant) && this.options.longestInvariant >= 1)) throw new Error("invariants mining: longestInvariant must be an integer >= 1");
  }

  fit(x: FeatureRows): void {
    const d = checkFeatureRows(x, "InvariantsMining.fit");
    this.cols = d;
    this.candidatesChecked = 0;
    this.candidatesConsidered = 0;
    // Distinct rows with counts.
    const distinct = new Map<string, { row: ArrayLike<number>; count: number }>();
    for (const r of x) {
      const key = Array.prototype.join.call(r, ",");
      const e = distinct.get(key);
      if (e) e.count++;
      else distinct.set(key, { row: r, count: 1 });
    }
    const rows = [...distinct.values()];
    const total = x.length;
    const need = this.options.percentage * total;
    // Weighted Gram matrix XᵀX.
    const gram: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const { row, count } of rows) {
      for (let a = 0; a < d; a++) {
        const va = row[a]!;
        if (va === 0) continue;
        for (let b = a; b < d; b++) gram[a]![b]! += count * va * row[b]!;
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) gram[a]![b] = gram[b]![a]!;
    // 1. Invariant-space dimension.
    const evd = new EVD(new Matrix(gram), { assumeSymmetric: true });
    const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
    let r = 0;
    for (const [, i] of order) {
      const v = evd.eigenvectorMatrix.getColumn(i);
      let zero = 0;
      for (const { row, count } of rows) {
        let s = 0;
        for (let j = 0; j < d; j++) s += row[j]! * v[j]!;
        if (Math.abs(s) < this.options.epsilon) zero += count;
      }
      if (zero < need) break;
      r++;
    }
    this.estimatedDimension = r;
    // 2. Candidate search.
    const invariants: Invariant[] = [];
    const found: Set<number>[] = [];
    const holds = (cols: number[], theta: number[]): boolean => {
      let ok = 0;
      let bad = 0;
      const maxBad = total - need;
      for (const { row, count } of rows) {
        let s = 0;
        for (let q = 0; q < cols.length; q++) s += row[cols[q]!]! * theta[q]!;
        if (Math.abs(s) < 1e-8) ok += count;
        else {
          bad += count;
          if (bad > maxBad + 1e-9) return false;
        }
      }
      return ok >= need - 1e-9;
    };
    const check = (cols: number[]): Invariant | null => {
      this.candidatesChecked++;
      const sub = cols.map((a) => cols.map((b) => gram[a]![b]!));
      const v = smallestEigenvector(sub);
      let minAbs = Infinity;
      for (const c of v) if (Math.abs(c) > 1e-6) minAbs = Math.min(minAbs, Math.abs(c));
      if (!Number.isFinite(minAbs) || v.some((c) => Math.abs(c) <= 1e-6)) return null; // a smaller set would do
      for (const scale of [1, 2, 3]) {
        const theta = v.map((c) => Math.round((c * scale) / minAbs));
        if (theta.some((t) => t === 0)) continue;
        if (holds(cols, theta)) return { columns: cols, theta };
      }
      return null;
    };
    const containsFound = (cols: number[]): boolean => found.some((f) => [...f].every((c) => cols.includes(c)));
    // Size 1: columns that are always zero (never seen in training, e.g. the OOV column) or whose value is fixed at 0 on `percentage` rows.
    let failed: number[][] = [];
    for (let j = 0; j < d; j++) {
      const inv = check([j]);
      if (inv) {
        invariants.push(inv);
        found.push(new Set([j]));
      } else failed.push([j]);
    }
    const target = Math.max(r, invariants.length);
    for (let len = 2; len <= this.options.longestInvariant && invariants.length < target && failed.length > 0; len++) {
      // Apriori join: sets of length len from failed sets of length len-1 sharing their first len-2 columns.
      const next: number[][] = [];
      const failedKeys = new Set(failed.map((f) => f.join(",")));
      const groups = new Map<string, number[][]>();
      for (const f of failed) {
        const prefix = f.slice(0, len - 2).join(",");
        const g = groups.get(prefix);
        if (g) g.push(f);
        else groups.set(prefix, [f]);
      }
      outer: for (const group of groups.values()) {
        for (let a = 0; a < group.length; a++) {
          for (let b = a + 1; b < group.length; b++) {
            if (this.candidatesConsidered++ >= this.options.maxCandidates) break outer;
            const A = group[a]!;
            const cand = [...A, group[b]![len - 2]!].sort((p, q) => p - q);
            // Every (len-1)-subset must have failed (else the candidate contains an invariant or was pruned).
            let allFailed = true;
            for (let drop = 0; drop < cand.length && allFailed; drop++) if (!failedKeys.has(cand.filter((_, q) => q !== drop).join(","))) allFailed = false;
            if (!allFailed || containsFound(cand)) continue;
            const inv = check(cand);
            if (inv) {
              invariants.push(inv);
              found.push(new Set(cand));
              if (invariants.length >= target) break outer;
            } else next.push(cand);
          }
        }
      }
      failed = next;
    }
    this.invariants = invariants;
  }

  score(x: FeatureRows): Float64Array {
    if (this.cols === 0) throw new Error("InvariantsMining: not fitted");
    checkFeatureRows(x, "InvariantsMining.score", this.cols);
    return Float64Array.from(x, (row) => {
      let s = 0;
      for (const inv of this.invariants) {
        let v = 0;
        for (let q = 0; q < inv.columns.length; q++) v += row[inv.columns[q]!]! * inv.theta[q]!;
        s += Math.abs(v);
      }
      return s;
    });
  }

  toJSON(): { kind: string; options: Required<InvariantsMiningOptions>; cols: number; invariants: Invariant[]; estimatedDimension: number; candidatesChecked: number } {
    return { kind: this.kind, options: this.options, cols: this.cols, invariants: this.invariants, estimatedDimension: this.estimatedDimension, candidatesChecked: this.candidatesChecked };
  }

  static fromJSON(json: { options: InvariantsMiningOptions; cols: number; invariants: Invariant[]; estimatedDimension: number; candidatesChecked?: number }): InvariantsMining {
    const im = new InvariantsMining(json.options);
    im.cols = json.cols;
    im.invariants = json.invariants;
    im.estimatedDimension = json.estimatedDimension;
    im.candidatesChecked = json.candidatesChecked ?? 0;
    return im;
  }
}
