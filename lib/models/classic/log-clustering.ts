/**
 * LogClustering (Lin, Zhang, Lou, Zhang & Chen, "Log Clustering based Problem Identification for
 * Online Service Systems", ICSE'16 SEIP), as loglizer implements it for anomaly detection:
 * 1. offline: agglomerative hierarchical clustering (complete linkage, cosine distance) of the
 *    first `bootstrapSamples` training rows, cut at distance `maxDist`; each cluster is
 *    represented by its centroid;
 * 2. online: every further training row joins the nearest centroid if it is within `maxDist`
 *    (updating that centroid's running mean), else starts a new cluster;
 * 3. a row's score is its cosine distance to the nearest centroid; the model's own threshold is
 *    `anomalyThreshold` (anomalous where score > threshold).
 * Identical rows are clustered once with their count (complete linkage is unchanged by
 * duplicates, which merge at distance 0), and the linkage uses the nearest-neighbour-chain
 * algorithm (Murtagh, "A survey of recent advances in hierarchical clustering algorithms", The
 * Computer Journal 26(4), 1983), O(n²) instead of the naive O(n³).
 */
import { checkFeatureRows, type FeatureRows } from "./feature-rows.js";
import type { OutlierModel } from "./outlier-model.js";

/** Parameters of {@link LogClustering}. */
export interface LogClusteringOptions {
  /** Cluster radius in cosine distance (default 0.3, loglizer's). */
  maxDist?: number;
  /** Anomalous where the distance to the nearest centroid exceeds this (default 0.3). */
  anomalyThreshold?: number;
  /** Rows clustered offline (default 1000, loglizer's `num_bootstrap_samples`). */
  bootstrapSamples?: number;
}

/** loglizer's cosine distance: 1 − x·y / (‖x‖‖y‖ + 1e-8), snapped to 0 below 1e-8. */
export function cosineDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j]! * b[j]!;
    na += a[j]! * a[j]!;
    nb += b[j]! * b[j]!;
  }
  const d = 1 - dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-8);
  return d < 1e-8 ? 0 : d;
}

/**
 * Complete-linkage clustering cut at `maxDist`: returns a cluster id per item (0..clusters-1, in
 * order of first appearance). `dist(i, j)` is symmetric.
 */
export function completeLinkageClusters(n: number, dist: (i: number, j: number) => number, maxDist: number): Int32Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) D[i * n + j] = D[j * n + i] = dist(i, j);
  const active = new Uint8Array(n).fill(1);
  let nActive = n;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const chain: number[] = [];
  while (nActive > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1]!;
    const prev = chain.length >= 2 ? chain[chain.length - 2]! : -1;
    let b = -1;
    let best = Infinity;
    if (prev >= 0) {
      b = prev;
      best = D[a * n + prev]!;
    }
    for (let c = 0; c < n; c++) {
      if (!active[c] || c === a) continue;
      const v = D[a * n + c]!;
      if (v < best) {
        best = v;
        b = c;
      }
    }
    if (b === prev) {
      chain.pop();
      chain.pop();
      // Merge b into a (Lance–Williams for complete linkage: max).
      for (let c = 0; c < n; c++) {
        if (!active[c] || c === a || c === b) continue;
        const v = Math.max(D[a * n + c]!, D[b * n + c]!);
        D[a * n + c] = D[c * n + a] = v;
      }
      active[b] = 0;
      nActive--;
      // Complete linkage is monotone, so merges at height <= maxDist are exactly the clusters of the cut.
      if (best <= maxDist) parent[find(b)] = find(a);
    } else chain.push(b);
  }
  const ids = new Int32Array(n);
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!map.has(r)) map.set(r, map.size);
    ids[i] = map.get(r)!;
  }
  return ids;
}

/**
 * LogClustering outlier model.
 *
 * @example
 * const lc = new LogClustering({ maxDist: 0.3, anomalyThreshold: 0.3 });
 * lc.fit(normalRows);
 * lc.score(testRows); // cosine distance to the nearest normal centroid
 */
export class LogClustering implements OutlierModel {
  readonly kind = "log-clustering";
  private centroids: Float64Array[] = [];
  private sizes: number[] = [];
  private cols = 0;
  private readonly options: Required<LogClusteringOptions>;

  constructor(options: LogClusteringOptions = {}) {
    this.options = { maxDist: options.maxDist ?? 0.3, anomalyThreshold: options.anomalyThreshold ?? 0.3, bootstrapSamples: options.bootstrapSamples ?? 1000 };
    if (!(this.options.maxDist >= 0 && this.options.maxDist <= 2)) throw new Error(`log clustering: maxDist must be in [0, 2], got ${this.options.maxDist}`);
    if (!(Number.isInteger(this.options.bootstrapSamples) && this.options.bootstrapSamples >= 1)) throw new Error(`log clustering: bootstrapSamples must be an integer >= 1`);
  }

  get intrinsicThreshold(): number {
    return this.options.anomalyThreshold;
  }

  /** Number of clusters found. */
  get clusters(): number {
    return this.centroids.length;
  }

  fit(x: FeatureRows): void {
    this.cols = checkFeatureRows(x, "LogClustering.fit");
    const nBoot = Math.min(this.options.bootstrapSamples, x.length);
    // Offline phase on distinct bootstrap rows.
    const distinct = new Map<string, { row: ArrayLike<number>; count: number }>();
    for (let i = 0; i < nBoot; i++) {
      const key = Array.prototype.join.call(x[i]!, ",");
      const e = distinct.get(key);
      if (e) e.count++;
      else distinct.set(key, { row: x[i]!, count: 1 });
    }
    const items = [...distinct.values()];
    const ids = completeLinkageClusters(items.length, (i, j) => cosineDistance(items[i]!.row, items[j]!.row), this.options.maxDist);
    const k = ids.length > 0 ? Math.max(...ids) + 1 : 0;
    this.centroids = Array.from({ length: k }, () => new Float64Array(this.cols));
    this.sizes = new Array<number>(k).fill(0);
    items.forEach((it, i) => {
      const c = this.centroids[ids[i]!]!;
      for (let j = 0; j < this.cols; j++) c[j]! += it.row[j]! * it.count;
      this.sizes[ids[i]!]! += it.count;
    });
    this.centroids.forEach((c, i) => c.forEach((v, j) => (c[j] = v / this.sizes[i]!)));
    // Online phase on the remaining training rows, in order.
    for (let i = nBoot; i < x.length; i++) {
      const row = x[i]!;
      const { dist, index } = this.nearest(row);
      if (index >= 0 && dist <= this.options.maxDist) {
        const c = this.centroids[index]!;
        const size = ++this.sizes[index]!;
        for (let j = 0; j < this.cols; j++) c[j]! += (row[j]! - c[j]!) / size;
      } else {
        this.centroids.push(Float64Array.from(row));
        this.sizes.push(1);
      }
    }
  }

  private nearest(row: ArrayLike<number>): { dist: number; index: number } {
    let dist = Infinity;
    let index = -1;
    for (let c = 0; c < this.centroids.length; c++) {
      const d = cosineDistance(row, this.centroids[c]!);
      if (d < dist) {
        dist = d;
        index = c;
      }
    }
    return { dist, index };
  }

  score(x: FeatureRows): Float64Array {
    if (this.centroids.length === 0) throw new Error("LogClustering: not fitted");
    checkFeatureRows(x, "LogClustering.score", this.cols);
    return Float64Array.from(x, (r) => this.nearest(r).dist);
  }

  toJSON(): { kind: string; options: Required<LogClusteringOptions>; cols: number; centroids: number[][]; sizes: number[] } {
    return { kind: this.kind, options: this.options, cols: this.cols, centroids: this.centroids.map((c) => [...c]), sizes: [...this.sizes] };
  }

  static fromJSON(json: { options: LogClusteringOptions; cols: number; centroids: number[][]; sizes: number[] }): LogClustering {
    const lc = new LogClustering(json.options);
    lc.cols = json.cols;
    lc.centroids = json.centroids.map((c) => Float64Array.from(c));
    lc.sizes = [...json.sizes];
    return lc;
  }
}
