/**
 * Linear support vector machines by dual coordinate descent (Hsieh, Chang, Lin, Keerthi &
 * Sundararajan, "A Dual Coordinate Descent Method for Large-scale Linear SVM", ICML'08,
 * Algorithm 1), the LIBLINEAR solver behind scikit-learn's `LinearSVC` that loglizer uses:
 * L2-regularised squared hinge loss (L2-loss SVM), the bias as an extra constant feature,
 * one-vs-rest for more than two classes. Per-sample weights scale C (class balancing).
 * Scores are decision values w·x + b (not probabilities).
 *
 * Written by hand: `ml-svm` is an SMO kernel SVM (quadratic in rows) and `libsvm-js` (a port of
 * LIBSVM, kernel SVMs) exposes no decision values, only labels or Platt probabilities.
 */
import { Rng } from "../../runtime/rng.js";
import { mergeDuplicateRows, sampleWeightsOf, predictFromScores, type Classifier, type ClassifierFitOptions } from "./classifier.js";
import { checkClassLabels, checkFeatureRows, type FeatureRows } from "./feature-rows.js";

/** Parameters of {@link LinearSvm}. */
export interface LinearSvmOptions {
  /** Penalty of the loss term (default 1, as loglizer). */
  C?: number;
  /** Stop when the projected-gradient spread falls below this (default 0.1, LIBLINEAR's dual default). */
  tolerance?: number;
  /** Maximum passes over the (deduplicated) data (default 10,000). */
  maxIterations?: number;
}

/** Solves one binary L2-loss SVM; returns [w..., b] and the passes used. */
function solveBinary(rows: { idx: Int32Array; val: Float64Array }[], t: Float64Array, Ci: Float64Array, d: number, tol: number, maxIter: number, rng: Rng): { coef: Float64Array; passes: number; converged: boolean } {
  const n = rows.length;
  const w = new Float64Array(d + 1); // last = bias (feature value 1)
  const alpha = new Float64Array(n);
  const Dii = new Float64Array(n);
  const Qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    Dii[i] = Ci[i]! > 0 ? 1 / (2 * Ci[i]!) : Infinity;
    let s = 1; // bias feature
    const r = rows[i]!;
    for (let p = 0; p < r.val.length; p++) s += r.val[p]! * r.val[p]!;
    Qii[i] = s + Dii[i]!;
  }
  let passes = 0;
  for (; passes < maxIter; passes++) {
    const order = rng.permutation(n);
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let q = 0; q < n; q++) {
      const i = order[q]!;
      if (!Number.isFinite(Dii[i]!)) continue; // weight 0: row ignored
      const r = rows[i]!;
      let wx = w[d]!;
      for (let p = 0; p < r.idx.length; p++) wx += w[r.idx[p]!]! * r.val[p]!;
      const G = t[i]! * wx - 1 + Dii[i]! * alpha[i]!;
      const PG = alpha[i] === 0 ? Math.min(G, 0) : G;
      pgMax = Math.max(pgMax, PG);
      pgMin = Math.min(pgMin, PG);
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i]!;
        alpha[i] = Math.max(old - G / Qii[i]!, 0);
        const delta = (alpha[i]! - old) * t[i]!;
        for (let p = 0; p < r.idx.length; p++) w[r.idx[p]!]! += delta * r.val[p]!;
        w[d]! += delta;
      }
    }
    if (pgMax - pgMin <= tol) return { coef: w, passes: passes + 1, converged: true };
  }
  return { coef: w, passes, converged: false };
}

/**
 * Linear SVM classifier (one-vs-rest for K > 2).
 *
 * @example
 * const svm = new LinearSvm({ C: 1 }, new Rng(3));
 * svm.fit(rows, labels);
 * svm.decisionScores(rows)[0][1]; // decision value of class 1
 */
export class LinearSvm implements Classifier {
  readonly kind = "linear-svm";
  private k = 2;
  private cols = 0;
  private coefs: Float64Array[] = [];
  private readonly options: Required<LinearSvmOptions>;
  converged = false;
  passes = 0;

  constructor(
    options: LinearSvmOptions = {},
    private readonly rng: Rng = new Rng(0),
  ) {
    this.options = { C: options.C ?? 1, tolerance: options.tolerance ?? 0.1, maxIterations: options.maxIterations ?? 10_000 };
    if (!(this.options.C > 0)) throw new Error(`linear SVM: C must be > 0, got ${this.options.C}`);
  }

  get nClasses(): number {
    return this.k;
  }

  fit(x: FeatureRows, y: ArrayLike<number>, options: ClassifierFitOptions = {}): void {
    const d = checkFeatureRows(x, "LinearSvm.fit");
    this.k = checkClassLabels(y, x.length, "LinearSvm.fit", options.nClasses);
    this.cols = d;
    const merged = mergeDuplicateRows(x, y, sampleWeightsOf(x.length, options.sampleWeights, "LinearSvm.fit"));
    x = merged.x;
    y = merged.y;
    const sw = merged.w;
    const rows = x.map((r) => {
      const idx: number[] = [];
      const val: number[] = [];
      for (let j = 0; j < d; j++) if (r[j] !== 0) {
        idx.push(j);
        val.push(r[j]!);
      }
      return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
    });
    const Ci = sw.map((v) => v * this.options.C);
    const problems = this.k === 2 ? [1] : Array.from({ length: this.k }, (_, c) => c);
    this.coefs = [];
    this.converged = true;
    this.passes = 0;
    for (const cls of problems) {
      const t = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) t[i] = y[i] === cls ? 1 : -1;
      const r = solveBinary(rows, t, Ci, d, this.options.tolerance, this.options.maxIterations, this.rng.fork(`class-${cls}`));
      this.coefs.push(r.coef);
      this.converged &&= r.converged;
      this.passes = Math.max(this.passes, r.passes);
    }
  }

  decisionScores(x: FeatureRows): Float64Array[] {
    if (this.coefs.length === 0) throw new Error("LinearSvm: not fitted");
    checkFeatureRows(x, "LinearSvm.decisionScores", this.cols);
    const d = this.cols;
    const dec = (c: Float64Array, r: ArrayLike<number>): number => {
      let s = c[d]!;
      for (let j = 0; j < d; j++) s += c[j]! * r[j]!;
      return s;
    };
    if (this.k === 2) {
      return x.map((r) => {
        const v = dec(this.coefs[0]!, r);
        return Float64Array.of(-v, v);
      });
    }
    return x.map((r) => Float64Array.from(this.coefs, (c) => dec(c, r)));
  }

  predict(x: FeatureRows): Int32Array {
    return predictFromScores(this.decisionScores(x));
  }

  toJSON(): { kind: string; nClasses: number; cols: number; options: Required<LinearSvmOptions>; coefs: number[][]; converged: boolean; passes: number } {
    return { kind: this.kind, nClasses: this.k, cols: this.cols, options: this.options, coefs: this.coefs.map((c) => [...c]), converged: this.converged, passes: this.passes };
  }

  static fromJSON(json: { nClasses: number; cols: number; options: LinearSvmOptions; coefs: number[][]; converged?: boolean; passes?: number }): LinearSvm {
    const s = new LinearSvm(json.options);
    s.k = json.nClasses;
    s.cols = json.cols;
    s.coefs = json.coefs.map((c) => Float64Array.from(c));
    s.converged = json.converged ?? false;
    s.passes = json.passes ?? 0;
    return s;
  }
}
