/**
 * Histogram binning of numeric features for tree learners (the "histogram-based" split finding
 * of LightGBM, Ke et al., NeurIPS'17, and scikit-learn's HistGradientBoosting): each feature's
 * training values are cut into at most `maxBins` bins, so a split search costs O(rows) to fill a
 * histogram plus O(bins) to scan it, instead of sorting. A feature with at most `maxBins`
 * distinct training values (every event-count column here) gets one bin per value, so splits
 * are exactly the ones an exact CART search would try.
 *
 * Bin b of feature j holds values v with edges[b-1] < v <= edges[b] (the last bin: v > last
 * edge); edges are midpoints between neighbouring distinct training values, so a tree that
 * splits at "bin <= b" stores the raw threshold edges[b] and predicts on raw values.
 */
import type { FeatureRows } from "./feature-rows.js";

/**
 * A tree node's split of its rows: reorders `rows[start, end)` in place so that the rows whose
 * bin in `column` is ≤ `bin` come first, and returns where the others begin.
 */
export function partitionRowsByBin(rows: Int32Array, column: Uint8Array, bin: number, start: number, end: number): number {
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    if (column[rows[lo]!]! <= bin) lo++;
    else {
      const tmp = rows[lo]!;
      rows[lo] = rows[hi]!;
      rows[hi] = tmp;
      hi--;
    }
  }
  return lo;
}

/** Per-feature bin edges fit on training rows. */
export class FeatureBinner {
  private constructor(
    /** Ascending bin edges per feature (bins = edges + 1). */
    readonly edges: readonly Float64Array[],
  ) {}

  /** Fits bin edges on training rows (quantiles of the distinct values when there are more than `maxBins`). */
  static fit(x: FeatureRows, maxBins = 255): FeatureBinner {
    if (!(Number.isInteger(maxBins) && maxBins >= 2 && maxBins <= 256)) throw new Error(`FeatureBinner: maxBins must be an integer in 2..256, got ${maxBins}`);
    const cols = x.length > 0 ? x[0]!.length : 0;
    const edges: Float64Array[] = [];
    const col = new Float64Array(x.length);
    for (let j = 0; j < cols; j++) {
      for (let i = 0; i < x.length; i++) col[i] = x[i]![j]!;
      const sorted = Float64Array.from(col).sort();
      const distinct: number[] = [];
      const counts: number[] = [];
      for (let i = 0; i < sorted.length; i++) {
        if (i === 0 || sorted[i] !== sorted[i - 1]) {
          distinct.push(sorted[i]!);
          counts.push(1);
        } else counts[counts.length - 1]!++;
      }
      const e: number[] = [];
      if (distinct.length <= maxBins) {
        for (let k = 1; k < distinct.length; k++) e.push((distinct[k - 1]! + distinct[k]!) / 2);
      } else {
        // Quantile cuts over the training values, snapped to gaps between distinct values.
        const n = sorted.length;
        let cum = 0;
        let next = 1;
        for (let k = 0; k < distinct.length - 1 && e.length < maxBins - 1; k++) {
          cum += counts[k]!;
          if (cum >= (next * n) / maxBins) {
            e.push((distinct[k]! + distinct[k + 1]!) / 2);
            while (cum >= (next * n) / maxBins) next++;
          }
        }
      }
      edges.push(Float64Array.from(e));
    }
    return new FeatureBinner(edges);
  }

  /** Number of features. */
  get nFeatures(): number {
    return this.edges.length;
  }

  /** Number of bins of feature j. */
  nBins(j: number): number {
    return this.edges[j]!.length + 1;
  }

  /** The bin of value v in feature j (binary search). */
  bin(j: number, v: number): number {
    const e = this.edges[j]!;
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= e[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The upper edge of bin b of feature j: "bin <= b" is the same test as "value <= threshold(j, b)". */
  threshold(j: number, b: number): number {
    return this.edges[j]![b]!;
  }

  /** Binned training data, column-major: `columns[j][i]` is the bin of row i in feature j. */
  transform(x: FeatureRows): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let j = 0; j < this.edges.length; j++) {
      const c = new Uint8Array(x.length);
      for (let i = 0; i < x.length; i++) c[i] = this.bin(j, x[i]![j]!);
      out.push(c);
    }
    return out;
  }
}
