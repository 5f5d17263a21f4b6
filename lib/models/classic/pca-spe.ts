/**
 * PCA anomaly detection with the squared prediction error (Xu, Huang, Fox, Patterson & Jordan,
 * "Detecting Large-Scale System Problems by Mining Console Logs", SOSP'09, §5): the normal
 * subspace is spanned by the top principal components of the training rows (enough to explain
 * `nComponents` of the variance, or that many components); a row's score is its SPE, the squared
 * length of its projection onto the residual subspace, ‖(I − PPᵀ)(x − μ)‖². The model's own
 * threshold is the Q-statistic of Jackson & Mudholkar ("Control Procedures for Residuals
 * Associated With Principal Component Analysis", Technometrics 21(3), 1979) at the normal
 * quantile `cAlpha` (3.2905 ≈ 1 − α = 99.95%, loglizer's default):
 *   φ_i = Σ_{j>k} λ_j^i, h₀ = 1 − 2φ₁φ₃ / (3φ₂²),
 *   Q_α = φ₁ [c_α √(2φ₂h₀²) / φ₁ + 1 + φ₂h₀(h₀ − 1) / φ₁²]^{1/h₀}.
 * The principal components come from `ml-pca` (eigen-decomposition of the covariance matrix).
 */
import { PCA } from "ml-pca";
import { checkFeatureRows, type FeatureRows } from "./feature-rows.js";
import type { OutlierModel } from "./outlier-model.js";

/** Parameters of {@link PcaSpe}. */
export interface PcaSpeOptions {
  /** < 1: variance share the normal subspace explains; >= 1: number of components (default 0.95). */
  nComponents?: number;
  /** Normal quantile of the Q-statistic (default 3.2905, i.e. α = 0.0005 two-sided as loglizer). */
  cAlpha?: number;
}

/** Jackson & Mudholkar's Q-statistic threshold from the residual eigenvalues (null when they vanish). */
export function qStatisticThreshold(residualEigenvalues: readonly number[], cAlpha: number): number | null {
  const phi = [0, 0, 0];
  for (const l0 of residualEigenvalues) {
    const l = Math.max(0, l0);
    phi[0]! += l;
    phi[1]! += l * l;
    phi[2]! += l * l * l;
  }
  const [p1, p2, p3] = phi as [number, number, number];
  if (!(p1 > 1e-12) || !(p2 > 0)) return null;
  const h0 = 1 - (2 * p1 * p3) / (3 * p2 * p2);
  const inner = (cAlpha * Math.sqrt(2 * p2 * h0 * h0)) / p1 + 1 + (p2 * h0 * (h0 - 1)) / (p1 * p1);
  const q = p1 * Math.pow(inner, 1 / h0);
  return Number.isFinite(q) ? q : null;
}

/**
 * PCA residual (SPE) outlier model.
 *
 * @example
 * const pca = new PcaSpe({ nComponents: 0.95 });
 * pca.fit(trainRows);
 * pca.score(testRows); // SPE per row; anomalous where > pca.intrinsicThreshold
 */
export class PcaSpe implements OutlierModel {
  readonly kind = "pca-spe";
  private mean = new Float64Array(0);
  /** Components of the normal subspace (k × d). */
  private components: Float64Array[] = [];
  /** All covariance eigenvalues, descending. */
  eigenvalues: number[] = [];
  intrinsicThreshold: number | null = null;
  private readonly options: Required<PcaSpeOptions>;

  constructor(options: PcaSpeOptions = {}) {
    this.options = { nComponents: options.nComponents ?? 0.95, cAlpha: options.cAlpha ?? 3.2905 };
    if (!(this.options.nComponents > 0)) throw new Error(`pca: nComponents must be > 0, got ${this.options.nComponents}`);
  }

  /** Number of components spanning the normal subspace. */
  get k(): number {
    return this.components.length;
  }

  fit(x: FeatureRows): void {
    const d = checkFeatureRows(x, "PcaSpe.fit");
    if (x.length < 2) throw new Error("PcaSpe.fit: needs at least 2 rows");
    const pca = new PCA(
      x.map((r) => Array.from(r)),
      { method: "covarianceMatrix", center: true },
    );
    const values = pca.getEigenvalues().map((v) => Math.max(0, v));
    const vectors = pca.getEigenvectors(); // d × d, column j = component j
    const json = pca.toJSON();
    this.mean = Float64Array.from(json.means);
    const total = values.reduce((a, b) => a + b, 0);
    let k: number;
    if (this.options.nComponents >= 1) k = Math.min(d, Math.round(this.options.nComponents));
    else {
      k = d;
      let acc = 0;
      for (let i = 0; i < d; i++) {
        acc += values[i]!;
        if (total === 0 || acc / total >= this.options.nComponents) {
          k = i + 1;
          break;
        }
      }
    }
    this.components = [];
    for (let c = 0; c < k; c++) {
      const v = new Float64Array(d);
      for (let j = 0; j < d; j++) v[j] = vectors.get(j, c);
      this.components.push(v);
    }
    this.eigenvalues = values;
    this.intrinsicThreshold = qStatisticThreshold(values.slice(k), this.options.cAlpha);
  }

  score(x: FeatureRows): Float64Array {
    if (this.mean.length === 0) throw new Error("PcaSpe: not fitted");
    const d = checkFeatureRows(x, "PcaSpe.score", this.mean.length);
    const out = new Float64Array(x.length);
    const r = new Float64Array(d);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      for (let j = 0; j < d; j++) r[j] = xi[j]! - this.mean[j]!;
      // Residual r − Σ (c·r) c, computed explicitly (‖r‖² − Σ(c·r)² loses precision).
      const coef = this.components.map((c) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += c[j]! * r[j]!;
        return s;
      });
      let spe = 0;
      for (let j = 0; j < d; j++) {
        let v = r[j]!;
        for (let c = 0; c < coef.length; c++) v -= coef[c]! * this.components[c]![j]!;
        spe += v * v;
      }
      out[i] = spe;
    }
    return out;
  }

  toJSON(): { kind: string; options: Required<PcaSpeOptions>; mean: number[]; components: number[][]; eigenvalues: number[]; threshold: number | null } {
    return { kind: this.kind, options: this.options, mean: [...this.mean], components: this.components.map((c) => [...c]), eigenvalues: this.eigenvalues, threshold: this.intrinsicThreshold };
  }

  static fromJSON(json: { options: PcaSpeOptions; mean: number[]; components: number[][]; eigenvalues: number[]; threshold: number | null }): PcaSpe {
    const p = new PcaSpe(json.options);
    p.mean = Float64Array.from(json.mean);
    p.components = json.components.map((c) => Float64Array.from(c));
    p.eigenvalues = json.eigenvalues;
    p.intrinsicThreshold = json.threshold;
    return p;
  }
}
