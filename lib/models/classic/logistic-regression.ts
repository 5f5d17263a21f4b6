/**
 * L2-regularised logistic regression (binary: one logistic output; K > 2 classes: multinomial
 * softmax), the objective of scikit-learn's `LogisticRegression` that loglizer uses (penalty
 * "l2", C = 100): ½‖W‖² + C Σ_i s_i · CE(y_i, softmax(W x_i + b)), intercepts not penalised,
 * s_i the sample weights; minimised by L-BFGS.
 *
 * Written by hand: `ml-logistic-regression` runs fixed-step gradient ascent with no intercept and
 * no regularisation (2,000 steps took 27 s on 6.5k HDFS sessions), and is one-vs-all only.
 */
import { mergeDuplicateRows, predictFromScores, sampleWeightsOf, type Classifier, type ClassifierFitOptions } from "./classifier.js";
import { checkClassLabels, checkFeatureRows, type FeatureRows } from "./feature-rows.js";
import { minimizeLbfgs } from "./lbfgs.js";

/** Parameters of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** Inverse regularisation strength (default 100, loglizer's choice). */
  C?: number;
  /** L-BFGS iterations (default 1000). */
  maxIterations?: number;
  /** L-BFGS gradient tolerance (default 1e-6). */
  tolerance?: number;
}

/**
 * Logistic regression classifier.
 *
 * @example
 * const lr = new LogisticRegression({ C: 1 });
 * lr.fit(rows, labels);
 * lr.decisionScores(rows)[0]; // [P(0), P(1)]
 */
export class LogisticRegression implements Classifier {
  readonly kind = "logistic-regression";
  private k = 2;
  private cols = 0;
  /** outputs × (cols + 1): weights then intercept. */
  private coef = new Float64Array(0);
  private readonly options: Required<LogisticRegressionOptions>;
  /** How the optimiser ended. */
  converged = false;
  iterations = 0;

  constructor(options: LogisticRegressionOptions = {}) {
    this.options = { C: options.C ?? 100, maxIterations: options.maxIterations ?? 1000, tolerance: options.tolerance ?? 1e-6 };
    if (!(this.options.C > 0)) throw new Error(`logistic regression: C must be > 0, got ${this.options.C}`);
  }

  get nClasses(): number {
    return this.k;
  }

  private get outputs(): number {
    return this.k === 2 ? 1 : this.k;
  }

  fit(x: FeatureRows, y: ArrayLike<number>, options: ClassifierFitOptions = {}): void {
    const d = checkFeatureRows(x, "LogisticRegression.fit");
    this.k = checkClassLabels(y, x.length, "LogisticRegression.fit", options.nClasses);
    this.cols = d;
    const merged = mergeDuplicateRows(x, y, sampleWeightsOf(x.length, options.sampleWeights, "LogisticRegression.fit"));
    x = merged.x;
    y = merged.y;
    const w = merged.w;
    const K = this.outputs;
    const stride = d + 1;
    const C = this.options.C;
    const z = new Float64Array(K);
    // Each row's non-zero columns: the sums below skip zero terms, which leaves every sum (and so
    // the fit) exactly as the dense loops compute it while bag-of-words rows cost their non-zeros only.
    const nzIdx = x.map((xi) => {
      const idx: number[] = [];
      for (let j = 0; j < d; j++) if (xi[j] !== 0) idx.push(j);
      return Int32Array.from(idx);
    });
    const fg = (theta: Float64Array, grad: Float64Array): number => {
      let f = 0;
      grad.fill(0);
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < d; j++) {
          const v = theta[k * stride + j]!;
          f += 0.5 * v * v;
          grad[k * stride + j] = v;
        }
      }
      for (let i = 0; i < x.length; i++) {
        const wi = w[i]!;
        if (wi === 0) continue;
        const xi = x[i]!;
        const nz = nzIdx[i]!;
        for (let k = 0; k < K; k++) {
          let s = theta[k * stride + d]!;
          for (let q = 0; q < nz.length; q++) s += theta[k * stride + nz[q]!]! * xi[nz[q]!]!;
          z[k] = s;
        }
        const yi = y[i]!;
        if (K === 1) {
          // Binary: loss = log(1 + e^{-t z}), t = ±1.
          const t = yi === 1 ? 1 : -1;
          const m = t * z[0]!;
          f += C * wi * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
          const coefG = C * wi * (-t / (1 + Math.exp(m)));
          for (let q = 0; q < nz.length; q++) grad[nz[q]!]! += coefG * xi[nz[q]!]!;
          grad[d]! += coefG;
        } else {
          let max = -Infinity;
          for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
          let sum = 0;
          for (let k = 0; k < K; k++) sum += Math.exp(z[k]! - max);
          const lse = max + Math.log(sum);
          f += C * wi * (lse - z[yi]!);
          for (let k = 0; k < K; k++) {
            const p = Math.exp(z[k]! - lse);
            const coefG = C * wi * (p - (k === yi ? 1 : 0));
            const base = k * stride;
            for (let q = 0; q < nz.length; q++) grad[base + nz[q]!]! += coefG * xi[nz[q]!]!;
            grad[base + d]! += coefG;
          }
        }
      }
      return f;
    };
    const r = minimizeLbfgs(fg, new Float64Array(K * stride), { maxIterations: this.options.maxIterations, tolerance: this.options.tolerance });
    this.coef = r.x;
    this.converged = r.converged;
    this.iterations = r.iterations;
  }

  decisionScores(x: FeatureRows): Float64Array[] {
    if (this.coef.length === 0) throw new Error("LogisticRegression: not fitted");
    checkFeatureRows(x, "LogisticRegression.decisionScores", this.cols);
    const K = this.outputs;
    const d = this.cols;
    const stride = d + 1;
    return x.map((xi) => {
      const z = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        let s = this.coef[k * stride + d]!;
        for (let j = 0; j < d; j++) s += this.coef[k * stride + j]! * xi[j]!;
        z[k] = s;
      }
      if (K === 1) {
        const p = 1 / (1 + Math.exp(-z[0]!));
        return Float64Array.of(1 - p, p);
      }
      let max = -Infinity;
      for (const v of z) max = Math.max(max, v);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(z[k]! - max);
      return z.map((v) => Math.exp(v - max) / sum);
    });
  }

  predict(x: FeatureRows): Int32Array {
    return predictFromScores(this.decisionScores(x));
  }

  toJSON(): { kind: string; nClasses: number; cols: number; options: Required<LogisticRegressionOptions>; coef: number[]; converged: boolean; iterations: number } {
    return { kind: this.kind, nClasses: this.k, cols: this.cols, options: this.options, coef: [...this.coef], converged: this.converged, iterations: this.iterations };
  }

  static fromJSON(json: { nClasses: number; cols: number; options: LogisticRegressionOptions; coef: number[]; converged?: boolean; iterations?: number }): LogisticRegression {
    const lr = new LogisticRegression(json.options);
    lr.k = json.nClasses;
    lr.cols = json.cols;
    lr.coef = Float64Array.from(json.coef);
    lr.converged = json.converged ?? false;
    lr.iterations = json.iterations ?? 0;
    return lr;
  }
}
