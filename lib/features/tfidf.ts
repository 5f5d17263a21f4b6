/**
 * loglizer's feature weighting and normalisation of event-count matrices
 * (logpai/loglizer `loglizer/preprocessing.py`, `FeatureExtractor`), fit on training rows only:
 * - `tf-idf`: every column is multiplied by idf_j = ln(N / (df_j + 1e-8)), where N is the number
 *   of training rows and df_j the number of training rows where column j is non-zero (a column
 *   never seen in training, such as the out-of-vocabulary column, gets the largest weight,
 *   ln(N / 1e-8), as in loglizer);
 * - `zero-mean`: the training column means (after weighting) are subtracted;
 * - `sigmoid`: every non-zero entry x becomes 1 / (1 + e^-x) (loglizer applies it only when
 *   zero-mean is not chosen; so does this).
 */
import type { SparseMatrix } from "./count-matrix.js";

/** Column weighting of a count matrix. */
export type TermWeighting = "none" | "tf-idf";
/** Row-value normalisation after weighting. */
export type CountNormalization = "none" | "zero-mean" | "sigmoid";

/** Options of {@link CountTransform.fit}. */
export interface CountTransformOptions {
  /** Default "none". */
  termWeighting?: TermWeighting;
  /** Default "none". */
  normalization?: CountNormalization;
}

/** A saved {@link CountTransform}. */
export interface CountTransformJson {
  format: "loglab.count-transform";
  version: 1;
  termWeighting: TermWeighting;
  normalization: CountNormalization;
  /** Per-column idf weights (empty without tf-idf). */
  idf: number[];
  /** Per-column training means after weighting (empty without zero-mean). */
  mean: number[];
}

type RowsInput = SparseMatrix | readonly ArrayLike<number>[];

function toDense(x: RowsInput): { rows: Float64Array[]; cols: number } {
  if ("indptr" in x) {
    const rows: Float64Array[] = [];
    for (let i = 0; i < x.rows; i++) {
      const r = new Float64Array(x.cols);
      for (let p = x.indptr[i]!; p < x.indptr[i + 1]!; p++) r[x.indices[p]!] = x.values[p]!;
      rows.push(r);
    }
    return { rows, cols: x.cols };
  }
  const cols = x.length > 0 ? x[0]!.length : 0;
  return { rows: x.map((r) => Float64Array.from(r as ArrayLike<number>)), cols };
}

/**
 * loglizer's tf-idf / zero-mean / sigmoid transform with its statistics fit on training rows.
 *
 * @example
 * const t = CountTransform.fit(trainCounts, { termWeighting: "tf-idf", normalization: "zero-mean" });
 * const xTrain = t.transform(trainCounts);
 * const xTest = t.transform(testCounts); // same idf and means as training
 */
export class CountTransform {
  private constructor(
    readonly termWeighting: TermWeighting,
    readonly normalization: CountNormalization,
    /** idf per column (empty without tf-idf). */
    readonly idf: Float64Array,
    /** Training mean per column after weighting (empty without zero-mean). */
    readonly mean: Float64Array,
  ) {}

  /** Fits idf and means on training rows. */
  static fit(train: RowsInput, options: CountTransformOptions = {}): CountTransform {
    const termWeighting = options.termWeighting ?? "none";
    const normalization = options.normalization ?? "none";
    if (termWeighting !== "none" && termWeighting !== "tf-idf") throw new Error(`CountTransform: unknown termWeighting "${String(termWeighting)}"`);
    if (normalization !== "none" && normalization !== "zero-mean" && normalization !== "sigmoid") {
      throw new Error(`CountTransform: unknown normalization "${String(normalization)}"`);
    }
    const { rows, cols } = toDense(train);
    if (rows.length === 0) throw new Error("CountTransform.fit: no training rows");
    let idf = new Float64Array(0);
    if (termWeighting === "tf-idf") {
      idf = new Float64Array(cols);
      for (let j = 0; j < cols; j++) {
        let df = 0;
        for (const r of rows) if (r[j] !== 0) df++;
        idf[j] = Math.log(rows.length / (df + 1e-8));
      }
    }
    let mean = new Float64Array(0);
    if (normalization === "zero-mean") {
      mean = new Float64Array(cols);
      for (const r of rows) for (let j = 0; j < cols; j++) mean[j]! += termWeighting === "tf-idf" ? r[j]! * idf[j]! : r[j]!;
      for (let j = 0; j < cols; j++) mean[j]! /= rows.length;
    }
    return new CountTransform(termWeighting, normalization, idf, mean);
  }

  /** Restores a transform saved by {@link CountTransform.toJSON}. */
  static fromJSON(json: CountTransformJson): CountTransform {
    if (json.format !== "loglab.count-transform" || json.version !== 1) {
      throw new Error(`not a loglab count transform v1 (format ${String(json.format)}, version ${String(json.version)})`);
    }
    return new CountTransform(json.termWeighting, json.normalization, Float64Array.from(json.idf), Float64Array.from(json.mean));
  }

  /** Applies the fitted weighting and normalisation; returns new dense rows. */
  transform(x: RowsInput): Float64Array[] {
    const { rows, cols } = toDense(x);
    if (this.idf.length > 0 && cols !== this.idf.length) throw new Error(`CountTransform: fitted on ${this.idf.length} columns, got ${cols}`);
    if (this.mean.length > 0 && cols !== this.mean.length) throw new Error(`CountTransform: fitted on ${this.mean.length} columns, got ${cols}`);
    for (const r of rows) {
      if (this.termWeighting === "tf-idf") for (let j = 0; j < cols; j++) r[j]! *= this.idf[j]!;
      if (this.normalization === "zero-mean") for (let j = 0; j < cols; j++) r[j]! -= this.mean[j]!;
      else if (this.normalization === "sigmoid") for (let j = 0; j < cols; j++) if (r[j] !== 0) r[j] = 1 / (1 + Math.exp(-r[j]!));
    }
    return rows;
  }

  toJSON(): CountTransformJson {
    return {
      format: "loglab.count-transform",
      version: 1,
      termWeighting: this.termWeighting,
      normalization: this.normalization,
      idf: [...this.idf],
      mean: [...this.mean],
    };
  }
}
