/**
 * A binary decision tree in flat arrays (the layout of scikit-learn's `Tree`): node i is a leaf
 * when `feature[i] === -1`, else rows with x[feature[i]] <= threshold[i] go to `left[i]`, the
 * others to `right[i]`. Each node carries `width` values (class distribution for classification
 * trees, one leaf weight for regression trees).
 */
import type { FeatureRows } from "./feature-rows.js";

/** A saved {@link TreeNodes}. */
export interface TreeNodesJson {
  width: number;
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  values: number[];
}

/** Node storage and traversal shared by decision trees, random forests and gradient boosting. */
export class TreeNodes {
  readonly feature: number[] = [];
  readonly threshold: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly values: number[] = [];

  constructor(readonly width: number) {}

  /** Adds a leaf with `value` (length `width`) and returns its index. */
  addNode(value: ArrayLike<number>): number {
    const id = this.feature.length;
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    for (let k = 0; k < this.width; k++) this.values.push(value[k]!);
    return id;
  }

  /** Turns leaf `id` into a split node with the given children. */
  setSplit(id: number, feature: number, threshold: number, left: number, right: number): void {
    this.feature[id] = feature;
    this.threshold[id] = threshold;
    this.left[id] = left;
    this.right[id] = right;
  }

  get size(): number {
    return this.feature.length;
  }

  /** Number of leaves. */
  get leaves(): number {
    return this.feature.filter((f) => f === -1).length;
  }

  /** Depth of the deepest leaf (a single leaf has depth 0). */
  get depth(): number {
    let max = 0;
    const stack: [number, number][] = [[0, 0]];
    while (stack.length > 0) {
      const [id, d] = stack.pop()!;
      if (this.feature[id] === -1) max = Math.max(max, d);
      else stack.push([this.left[id]!, d + 1], [this.right[id]!, d + 1]);
    }
    return max;
  }

  /** The leaf a row falls into. */
  leafOf(row: ArrayLike<number>): number {
    let id = 0;
    while (this.feature[id] !== -1) id = row[this.feature[id]!]! <= this.threshold[id]! ? this.left[id]! : this.right[id]!;
    return id;
  }

  /** Value k of node `id`. */
  value(id: number, k = 0): number {
    return this.values[id * this.width + k]!;
  }

  /** Adds `scale` × the leaf values of each row into `out[i]` (length `width`). */
  accumulate(x: FeatureRows, out: Float64Array[], scale = 1): void {
    for (let i = 0; i < x.length; i++) {
      const leaf = this.leafOf(x[i]!);
      const o = out[i]!;
      for (let k = 0; k < this.width; k++) o[k]! += scale * this.values[leaf * this.width + k]!;
    }
  }

  toJSON(): TreeNodesJson {
    return { width: this.width, feature: [...this.feature], threshold: [...this.threshold], left: [...this.left], right: [...this.right], values: [...this.values] };
  }

  static fromJSON(json: TreeNodesJson): TreeNodes {
    const t = new TreeNodes(json.width);
    const n = json.feature.length;
    if (json.threshold.length !== n || json.left.length !== n || json.right.length !== n || json.values.length !== n * json.width) {
      throw new Error(`tree: inconsistent node arrays (${n} nodes)`);
    }
    t.feature.push(...json.feature);
    t.threshold.push(...json.threshold);
    t.left.push(...json.left);
    t.right.push(...json.right);
    t.values.push(...json.values);
    return t;
  }
}
