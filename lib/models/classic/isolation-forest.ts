/**
 * Isolation Forest (Liu, Ting & Zhou, "Isolation Forest", ICDM'08): anomalies are few and
 * different, so random axis-parallel splits isolate them in fewer steps. Each of `nEstimators`
 * trees is grown on `maxSamples` rows drawn without replacement (ψ, default 256), splitting on a
 * random feature at a uniform random value between its min and max in the node, up to height
 * ⌈log₂ ψ⌉ (Algorithm 1–2). The score of x is s(x, ψ) = 2^(−E[h(x)] / c(ψ)) (eq. 2), where h is
 * the path length plus c(size) at the external node (Algorithm 3) and
 * c(n) = 2H(n − 1) − 2(n − 1)/n is the average path length of an unsuccessful BST search.
 * Scores near 1 are anomalies, well below 0.5 normal.
 *
 * A reusable class on plain dense rows (the `iforest` detector wraps it; hybrid models such as
 * IF+AE can use it on their own features). Written by hand: `ml-isolation-forest` has no seed
 * and no save/load; `isolation-forest` (npm) is unmaintained and untyped.
 */
import { Rng } from "../../runtime/rng.js";
import { checkFeatureRows, type FeatureRows } from "./feature-rows.js";
import type { OutlierModel } from "./outlier-model.js";

const EULER_GAMMA = 0.5772156649015329;

/** c(n): average path length of an unsuccessful search in a binary search tree of n items. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Parameters of {@link IsolationForest}. */
export interface IsolationForestOptions {
  /** Number of trees (default 100). */
  nEstimators?: number;
  /** Rows per tree, ψ (default 256; fewer when the data has fewer rows). */
  maxSamples?: number;
  /**
   * Expected share of anomalies in the training rows: the intrinsic threshold is the training
   * score quantile at 1 − contamination. 0 (default) uses the paper's rule of thumb s > 0.5.
   */
  contamination?: number;
}

/** A saved isolation tree: flat arrays, leaf where feature = -1 (size = rows that reached it). */
interface IsolationTreeJson {
  feature: number[];
  split: number[];
  left: number[];
  right: number[];
  size: number[];
}

/**
 * Isolation Forest outlier model.
 *
 * @example
 * const iforest = new IsolationForest({ nEstimators: 100 }, new Rng(42));
 * iforest.fit(trainRows);
 * iforest.score(testRows); // in (0, 1], higher = more anomalous
 */
export class IsolationForest implements OutlierModel {
  readonly kind = "isolation-forest";
  private trees: IsolationTreeJson[] = [];
  private psi = 0;
  private cols = 0;
  intrinsicThreshold: number | null = null;
  private readonly options: Required<IsolationForestOptions>;

  constructor(
    options: IsolationForestOptions = {},
    private readonly rng: Rng = new Rng(0),
  ) {
    this.options = { nEstimators: options.nEstimators ?? 100, maxSamples: options.maxSamples ?? 256, contamination: options.contamination ?? 0 };
    if (!(Number.isInteger(this.options.nEstimators) && this.options.nEstimators >= 1)) throw new Error(`isolation forest: nEstimators must be an integer >= 1, got ${this.options.nEstimators}`);
    if (!(Number.isInteger(this.options.maxSamples) && this.options.maxSamples >= 2)) throw new Error(`isolation forest: maxSamples must be an integer >= 2, got ${this.options.maxSamples}`);
    if (!(this.options.contamination >= 0 && this.options.contamination < 0.5)) throw new Error(`isolation forest: contamination must be in [0, 0.5), got ${this.options.contamination}`);
  }

  fit(x: FeatureRows): void {
    this.cols = checkFeatureRows(x, "IsolationForest.fit");
    const n = x.length;
    this.psi = Math.min(this.options.maxSamples, n);
    const heightLimit = Math.ceil(Math.log2(Math.max(2, this.psi)));
    this.trees = [];
    for (let t = 0; t < this.options.nEstimators; t++) {
      const rng = this.rng.fork(`tree-${t}`);
      const sample = rng.sampleIndices(n, this.psi);
      this.trees.push(this.growTree(x, sample, heightLimit, rng));
    }
    if (this.options.contamination > 0) {
      const s = Float64Array.from(this.score(x)).sort();
      this.intrinsicThreshold = s[Math.min(n - 1, Math.floor((1 - this.options.contamination) * n))]!;
    } else this.intrinsicThreshold = 0.5;
  }

  private growTree(x: FeatureRows, sample: Int32Array, heightLimit: number, rng: Rng): IsolationTreeJson {
    const tree: IsolationTreeJson = { feature: [], split: [], left: [], right: [], size: [] };
    const F = this.cols;
    const add = (): number => {
      tree.feature.push(-1);
      tree.split.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.size.push(0);
      return tree.feature.length - 1;
    };
    const idx = Int32Array.from(sample);
    const stack: { id: number; start: number; end: number; depth: number }[] = [{ id: add(), start: 0, end: idx.length, depth: 0 }];
    while (stack.length > 0) {
      const { id, start, end, depth } = stack.pop()!;
      tree.size[id] = end - start;
      if (depth >= heightLimit || end - start <= 1) continue;
      // A random feature that is not constant in this node (tried in random order).
      let feature = -1;
      let lo = 0;
      let hi = 0;
      const order = rng.permutation(F);
      for (let q = 0; q < F && feature < 0; q++) {
        const f = order[q]!;
        let mn = Infinity;
        let mx = -Infinity;
        for (let p = start; p < end; p++) {
          const v = x[idx[p]!]![f]!;
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
        if (mx > mn) {
          feature = f;
          lo = mn;
          hi = mx;
        }
      }
      if (feature < 0) continue;
      let split = rng.uniform(lo, hi);
      if (split <= lo) split = lo + (hi - lo) / 2; // uniform() may return lo exactly; keep both sides non-empty
      let a = start;
      let b = end - 1;
      while (a <= b) {
        if (x[idx[a]!]![feature]! < split) a++;
        else {
          const tmp = idx[a]!;
          idx[a] = idx[b]!;
          idx[b] = tmp;
          b--;
        }
      }
      const l = add();
      const r = add();
      tree.feature[id] = feature;
      tree.split[id] = split;
      tree.left[id] = l;
      tree.right[id] = r;
      stack.push({ id: l, start, end: a, depth: depth + 1 }, { id: r, start: a, end, depth: depth + 1 });
    }
    return tree;
  }

  /** Path length of one row in one tree (Algorithm 3). */
  private pathLength(tree: IsolationTreeJson, row: ArrayLike<number>): number {
    let id = 0;
    let depth = 0;
    while (tree.feature[id] !== -1) {
      id = row[tree.feature[id]!]! < tree.split[id]! ? tree.left[id]! : tree.right[id]!;
      depth++;
    }
    return depth + averagePathLength(tree.size[id]!);
  }

  /** Mean path length E[h(x)] over the trees, per row. */
  meanPathLengths(x: FeatureRows): Float64Array {
    if (this.trees.length === 0) throw new Error("IsolationForest: not fitted");
    checkFeatureRows(x, "IsolationForest.score", this.cols);
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      let s = 0;
      for (const t of this.trees) s += this.pathLength(t, x[i]!);
      out[i] = s / this.trees.length;
    }
    return out;
  }

  score(x: FeatureRows): Float64Array {
    const c = averagePathLength(this.psi);
    const h = this.meanPathLengths(x);
    // ψ = 1 (one training row): c(1) = 0 and every path is 0, so 2^(−h/c) would be NaN; nothing
    // can be isolated, which is the score identical rows get: 0.5.
    return c > 0 ? h.map((v) => Math.pow(2, -v / c)) : h.fill(0.5);
  }

  toJSON(): { kind: string; options: Required<IsolationForestOptions>; psi: number; cols: number; threshold: number | null; trees: IsolationTreeJson[] } {
    return { kind: this.kind, options: this.options, psi: this.psi, cols: this.cols, threshold: this.intrinsicThreshold, trees: this.trees };
  }

  static fromJSON(json: { options: IsolationForestOptions; psi: number; cols: number; threshold: number | null; trees: IsolationTreeJson[] }): IsolationForest {
    const f = new IsolationForest(json.options);
    f.psi = json.psi;
    f.cols = json.cols;
    f.intrinsicThreshold = json.threshold;
    f.trees = json.trees;
    return f;
  }
}
