/**
 * Random forests (Breiman, "Random Forests", Machine Learning 45, 2001): each tree is a CART
 * tree grown on a bootstrap sample (drawn as per-row counts, used as sample weights; rows are
 * drawn with probability proportional to their sample weight, so merged duplicate rows bootstrap
 * exactly like the originals and class weights give a balanced bootstrap), trying
 * `maxFeatures` random features per split (default √F); class scores are the mean of the trees'
 * leaf class shares (scikit-learn's `predict_proba`).
 *
 * `ml-random-forest` was tried first: it builds on `ml-cart` (quadratic split search) and failed
 * on the HDFS count matrix with "input must not be empty".
 */
import { Rng } from "../../runtime/rng.js";
import { predictFromScores, sampleWeightsOf, type Classifier, type ClassifierFitOptions } from "./classifier.js";
import { growGiniTree, treeOptions, type DecisionTreeOptions } from "./decision-tree.js";
import { FeatureBinner } from "./feature-binner.js";
import { checkClassLabels, checkFeatureRows, type FeatureRows } from "./feature-rows.js";
import { TreeNodes, type TreeNodesJson } from "./tree-nodes.js";

/** Parameters of a random forest. */
export interface RandomForestOptions extends DecisionTreeOptions {
  /** Number of trees (default 100). */
  nEstimators?: number;
  /** Draw a bootstrap sample per tree (default true). */
  bootstrap?: boolean;
}

/**
 * A random forest classifier.
 *
 * @example
 * const rf = new RandomForest({ nEstimators: 50 }, new Rng(1));
 * rf.fit(rows, labels);
 */
export class RandomForest implements Classifier {
  readonly kind = "random-forest";
  private trees: TreeNodes[] = [];
  private k = 2;
  private readonly options: Required<RandomForestOptions>;

  constructor(
    options: RandomForestOptions = {},
    private readonly rng: Rng = new Rng(0),
  ) {
    const { nEstimators = 100, bootstrap = true, ...tree } = options;
    if (!(Number.isInteger(nEstimators) && nEstimators >= 1)) throw new Error(`random forest: nEstimators must be an integer >= 1, got ${nEstimators}`);
    this.options = { ...treeOptions(tree), nEstimators, bootstrap };
  }

  get nClasses(): number {
    return this.k;
  }

  /** Number of fitted trees. */
  get size(): number {
    return this.trees.length;
  }

  fit(x: FeatureRows, y: ArrayLike<number>, options: ClassifierFitOptions = {}): void {
    const F = checkFeatureRows(x, "RandomForest.fit");
    this.k = checkClassLabels(y, x.length, "RandomForest.fit", options.nClasses);
    const base = sampleWeightsOf(x.length, options.sampleWeights, "RandomForest.fit");
    const binner = FeatureBinner.fit(x, this.options.maxBins);
    const binned = binner.transform(x);
    const maxFeatures = this.options.maxFeatures > 0 ? this.options.maxFeatures : Math.max(1, Math.round(Math.sqrt(F)));
    const grow = { maxDepth: this.options.maxDepth, minSamplesSplit: this.options.minSamplesSplit, minSamplesLeaf: this.options.minSamplesLeaf, maxFeatures };
    const n = x.length;
    const cumulative = new Float64Array(n);
    let totalWeight = 0;
    for (let i = 0; i < n; i++) cumulative[i] = totalWeight += base[i]!;
    this.trees = [];
    for (let t = 0; t < this.options.nEstimators; t++) {
      const rng = this.rng.fork(`tree-${t}`);
      const w = new Float64Array(n);
      if (this.options.bootstrap) {
        // Draw Σ weights rows with probability proportional to weight: with count weights (merged
        // duplicate rows) this is exactly the bootstrap of the original rows.
        const draws = Math.max(1, Math.round(totalWeight));
        for (let s = 0; s < draws; s++) {
          const u = rng.next() * totalWeight;
          let lo = 0;
          let hi = n - 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cumulative[mid]! > u) hi = mid;
            else lo = mid + 1;
          }
          w[lo]! += 1;
        }
      } else w.set(base);
      const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => w[i]! > 0);
      this.trees.push(growGiniTree(binned, binner, y, w, rows, this.k, grow, rng));
    }
  }

  decisionScores(x: FeatureRows): Float64Array[] {
    if (this.trees.length === 0) throw new Error("RandomForest: not fitted");
    const out = x.map(() => new Float64Array(this.k));
    for (const t of this.trees) t.accumulate(x, out, 1 / this.trees.length);
    return out;
  }

  predict(x: FeatureRows): Int32Array {
    return predictFromScores(this.decisionScores(x));
  }

  toJSON(): { kind: string; nClasses: number; options: Required<RandomForestOptions>; trees: TreeNodesJson[] } {
    return { kind: this.kind, nClasses: this.k, options: this.options, trees: this.trees.map((t) => t.toJSON()) };
  }

  static fromJSON(json: { nClasses: number; options: RandomForestOptions; trees: TreeNodesJson[] }): RandomForest {
    const rf = new RandomForest(json.options);
    rf.k = json.nClasses;
    rf.trees = json.trees.map((t) => TreeNodes.fromJSON(t));
    return rf;
  }
}
