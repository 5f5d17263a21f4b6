/**
 * Histogram gradient-boosted trees (Friedman, "Greedy Function Approximation: A Gradient
 * Boosting Machine", Annals of Statistics 29(5), 2001), with the second-order leaf values and
 * split gain of XGBoost (Chen & Guestrin, KDD'16, eq. 5–7) and LightGBM-style histogram split
 * search (Ke et al., NeurIPS'17; see {@link FeatureBinner}):
 * - binary: logistic loss, one tree per round on the raw log-odds;
 * - multi-class: softmax cross-entropy, K trees per round (one per class);
 * - shrinkage (`learningRate`), depth limit, `minChildWeight` (hessian sum per leaf), L2 `lambda`
 *   on leaf values, row subsampling and per-tree column subsampling (seeded);
 * - optional early stopping on a validation set given to `fit` (never test data).
 *
 * Written by hand: `ml-xgboost` (an emscripten build of XGBoost 0.7x) loads asynchronously from a
 * wasm file, must be freed by hand, and is not maintained; no other npm package does histogram
 * boosting with multi-class softmax.
 */
import { Rng } from "../../runtime/rng.js";
import { predictFromScores, sampleWeightsOf, type Classifier, type ClassifierFitOptions } from "./classifier.js";
import { FeatureBinner, partitionRowsByBin } from "./feature-binner.js";
import { checkClassLabels, checkFeatureRows, type FeatureRows } from "./feature-rows.js";
import { TreeNodes, type TreeNodesJson } from "./tree-nodes.js";

/** Parameters of {@link GradientBoosting}. */
export interface GradientBoostingOptions {
  /** Boosting rounds (default 100). */
  nRounds?: number;
  /** Shrinkage applied to every tree (default 0.1). */
  learningRate?: number;
  /** Maximum tree depth (default 6). */
  maxDepth?: number;
  /** Minimum hessian sum in a leaf (default 1). */
  minChildWeight?: number;
  /** L2 regularisation of leaf values (default 1). */
  lambda?: number;
  /** Minimum gain to split (default 0). */
  gamma?: number;
  /** Share of rows drawn (without replacement) per round (default 1). */
  subsample?: number;
  /** Share of features drawn per tree (default 1). */
  colsample?: number;
  /** Histogram bins per feature (default 255). */
  maxBins?: number;
  /** Stop when validation loss has not improved for this many rounds (0 = off; needs validation). Default 10. */
  earlyStoppingRounds?: number;
}

function resolve(o: GradientBoostingOptions): Required<GradientBoostingOptions> {
  const r = {
    nRounds: o.nRounds ?? 100,
    learningRate: o.learningRate ?? 0.1,
    maxDepth: o.maxDepth ?? 6,
    minChildWeight: o.minChildWeight ?? 1,
    lambda: o.lambda ?? 1,
    gamma: o.gamma ?? 0,
    subsample: o.subsample ?? 1,
    colsample: o.colsample ?? 1,
    maxBins: o.maxBins ?? 255,
    earlyStoppingRounds: o.earlyStoppingRounds ?? 10,
  };
  if (!(Number.isInteger(r.nRounds) && r.nRounds >= 1)) throw new Error(`gbdt: nRounds must be an integer >= 1, got ${r.nRounds}`);
  if (!(r.learningRate > 0 && r.learningRate <= 1)) throw new Error(`gbdt: learningRate must be in (0, 1], got ${r.learningRate}`);
  if (!(Number.isInteger(r.maxDepth) && r.maxDepth >= 1)) throw new Error(`gbdt: maxDepth must be an integer >= 1, got ${r.maxDepth}`);
  if (!(r.subsample > 0 && r.subsample <= 1)) throw new Error(`gbdt: subsample must be in (0, 1], got ${r.subsample}`);
  if (!(r.colsample > 0 && r.colsample <= 1)) throw new Error(`gbdt: colsample must be in (0, 1], got ${r.colsample}`);
  if (!(r.lambda >= 0 && r.minChildWeight >= 0 && r.gamma >= 0)) throw new Error("gbdt: lambda, minChildWeight and gamma must be >= 0");
  return r;
}

/**
 * Binned training rows stored sparsely by row: for each row only the features whose bin differs
 * from the feature's "default" bin (the bin of 0). Event-count and tf-idf rows are mostly zeros,
 * so a node's histograms for all features cost O(non-default entries + bins) instead of
 * O(rows × features); the default bin gets the node total minus the other bins.
 */
interface SparseBinned {
  rowStart: Int32Array;
  feature: Int32Array;
  bin: Uint8Array;
  defaultBin: Int32Array;
  /** Offset of each feature's bins in a flat histogram. */
  offset: Int32Array;
  totalBins: number;
}

function sparseBinned(binned: readonly Uint8Array[], binner: FeatureBinner, n: number): SparseBinned {
  const F = binned.length;
  const defaultBin = Int32Array.from({ length: F }, (_, f) => binner.bin(f, 0));
  const offset = new Int32Array(F);
  let total = 0;
  for (let f = 0; f < F; f++) {
    offset[f] = total;
    total += binner.nBins(f);
  }
  const rowStart = new Int32Array(n + 1);
  for (let f = 0; f < F; f++) {
    const col = binned[f]!;
    const d = defaultBin[f]!;
    for (let i = 0; i < n; i++) if (col[i] !== d) rowStart[i + 1]!++;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = Int32Array.from(rowStart.subarray(0, n));
  const feature = new Int32Array(rowStart[n]!);
  const bin = new Uint8Array(rowStart[n]!);
  for (let f = 0; f < F; f++) {
    const col = binned[f]!;
    const d = defaultBin[f]!;
    for (let i = 0; i < n; i++) {
      if (col[i] === d) continue;
      const at = fill[i]!++;
      feature[at] = f;
      bin[at] = col[i]!;
    }
  }
  return { rowStart, feature, bin, defaultBin, offset, totalBins: total };
}

/** Grows one regression tree on gradients g and hessians h (XGBoost's exact gain on histograms). */
function growGradientTree(
  binned: readonly Uint8Array[],
  sparse: SparseBinned,
  binner: FeatureBinner,
  g: Float64Array,
  h: Float64Array,
  rows: Int32Array,
  features: ArrayLike<number>,
  o: Required<GradientBoostingOptions>,
): TreeNodes {
  const tree = new TreeNodes(1);
  const idx = Int32Array.from(rows);
  const hg = new Float64Array(sparse.totalBins);
  const hh = new Float64Array(sparse.totalBins);
  const leafValue = (G: number, H: number): number => (-G / (H + o.lambda)) * o.learningRate;
  const root = tree.addNode([0]);
  const stack: { id: number; start: number; end: number; depth: number }[] = [{ id: root, start: 0, end: idx.length, depth: 0 }];
  while (stack.length > 0) {
    const { id, start, end, depth } = stack.pop()!;
    let G = 0;
    let H = 0;
    for (let p = start; p < end; p++) {
      G += g[idx[p]!]!;
      H += h[idx[p]!]!;
    }
    tree.values[id] = leafValue(G, H);
    if (depth >= o.maxDepth || end - start < 2 || H < 2 * o.minChildWeight) continue;
    // Histograms of every feature at once from the sparse rows.
    hg.fill(0);
    hh.fill(0);
    for (let p = start; p < end; p++) {
      const i = idx[p]!;
      const gi = g[i]!;
      const hi = h[i]!;
      for (let q = sparse.rowStart[i]!; q < sparse.rowStart[i + 1]!; q++) {
        const at = sparse.offset[sparse.feature[q]!]! + sparse.bin[q]!;
        hg[at]! += gi;
        hh[at]! += hi;
      }
    }
    const parentScore = (G * G) / (H + o.lambda);
    let bestGain = o.gamma + 1e-12;
    let bestF = -1;
    let bestBin = -1;
    for (let t = 0; t < features.length; t++) {
      const f = features[t]!;
      const nb = binner.nBins(f);
      if (nb < 2) continue;
      const off = sparse.offset[f]!;
      // The default bin holds what the other bins do not.
      let gRest = G;
      let hRest = H;
      for (let b = 0; b < nb; b++) {
        if (b === sparse.defaultBin[f]) continue;
        gRest -= hg[off + b]!;
        hRest -= hh[off + b]!;
      }
      hg[off + sparse.defaultBin[f]!] = gRest;
      hh[off + sparse.defaultBin[f]!] = hRest;
      let GL = 0;
      let HL = 0;
      for (let b = 0; b < nb - 1; b++) {
        GL += hg[off + b]!;
        HL += hh[off + b]!;
        const HR = H - HL;
        if (HL < o.minChildWeight) continue;
        if (HR < o.minChildWeight) break;
        const GR = G - GL;
        const gain = 0.5 * ((GL * GL) / (HL + o.lambda) + (GR * GR) / (HR + o.lambda) - parentScore);
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestBin = b;
        }
      }
    }
    if (bestF < 0) continue;
    const lo = partitionRowsByBin(idx, binned[bestF]!, bestBin, start, end);
    if (lo === start || lo === end) continue;
    const l = tree.addNode([0]);
    const r = tree.addNode([0]);
    tree.setSplit(id, bestF, binner.threshold(bestF, bestBin), l, r);
    stack.push({ id: r, start: lo, end, depth: depth + 1 }, { id: l, start, end: lo, depth: depth + 1 });
  }
  return tree;
}

/** A saved {@link GradientBoosting}. */
export interface GradientBoostingJson {
  kind: "gbdt";
  nClasses: number;
  options: Required<GradientBoostingOptions>;
  /** Initial raw score per output (log-odds for binary, log-priors for softmax). */
  baseScore: number[];
  /** trees[round][output]. */
  trees: TreeNodesJson[][];
  /** Rounds kept (after early stopping) and why training stopped. */
  bestRound: number;
  stoppedBecause: string;
}

/**
 * Gradient-boosted trees for binary (logistic) and multi-class (softmax) classification.
 *
 * @example
 * const gb = new GradientBoosting({ nRounds: 200, learningRate: 0.1, maxDepth: 4 }, new Rng(7));
 * gb.fit(rows, labels, { validation: { x: valRows, y: valLabels } });
 * gb.decisionScores(testRows); // class probabilities
 */
export class GradientBoosting implements Classifier {
  readonly kind = "gbdt";
  private k = 2;
  private base: number[] = [];
  private trees: TreeNodes[][] = [];
  private readonly options: Required<GradientBoostingOptions>;
  /** Validation loss per round (when validation was given). */
  validationLoss: number[] = [];
  stoppedBecause = "";

  constructor(
    options: GradientBoostingOptions = {},
    private readonly rng: Rng = new Rng(0),
  ) {
    this.options = resolve(options);
  }

  get nClasses(): number {
    return this.k;
  }

  /** Rounds kept. */
  get rounds(): number {
    return this.trees.length;
  }

  private get outputs(): number {
    return this.k === 2 ? 1 : this.k;
  }

  /** Raw scores (log-odds or softmax logits) of each row. */
  rawScores(x: FeatureRows, rounds = this.trees.length): Float64Array[] {
    const out = x.map(() => Float64Array.from(this.base));
    for (let r = 0; r < rounds; r++) {
      const round = this.trees[r]!;
      for (let k = 0; k < round.length; k++) {
        const t = round[k]!;
        for (let i = 0; i < x.length; i++) out[i]![k]! += t.value(t.leafOf(x[i]!));
      }
    }
    return out;
  }

  private toProbabilities(raw: Float64Array): Float64Array {
    if (this.k === 2) {
      const p = 1 / (1 + Math.exp(-raw[0]!));
      return Float64Array.of(1 - p, p);
    }
    let max = -Infinity;
    for (const v of raw) max = Math.max(max, v);
    const out = new Float64Array(raw.length);
    let s = 0;
    for (let c = 0; c < raw.length; c++) {
      out[c] = Math.exp(raw[c]! - max);
      s += out[c]!;
    }
    for (let c = 0; c < raw.length; c++) out[c]! /= s;
    return out;
  }

  fit(x: FeatureRows, y: ArrayLike<number>, options: ClassifierFitOptions = {}): void {
    const F = checkFeatureRows(x, "GradientBoosting.fit");
    this.k = checkClassLabels(y, x.length, "GradientBoosting.fit", options.nClasses);
    const w = sampleWeightsOf(x.length, options.sampleWeights, "GradientBoosting.fit");
    const o = this.options;
    const n = x.length;
    const K = this.outputs;
    const binner = FeatureBinner.fit(x, o.maxBins);
    const binned = binner.transform(x);
    const sparse = sparseBinned(binned, binner, n);
    // Base score: weighted class priors.
    const prior = new Float64Array(this.k);
    let wsum = 0;
    for (let i = 0; i < n; i++) {
      prior[y[i]!]! += w[i]!;
      wsum += w[i]!;
    }
    const clip = (p: number): number => Math.min(1 - 1e-6, Math.max(1e-6, p / wsum));
    this.base = K === 1 ? [Math.log(clip(prior[1]!) / (1 - clip(prior[1]!)))] : Array.from(prior, (p) => Math.log(clip(p)));
    this.trees = [];
    const raw = Array.from({ length: n }, () => Float64Array.from(this.base));
    const val = options.validation;
    const valRaw = val ? val.x.map(() => Float64Array.from(this.base)) : null;
    if (val) checkFeatureRows(val.x, "GradientBoosting.fit validation", F);
    this.validationLoss = [];
    let bestLoss = Infinity;
    let bestRound = 0;
    this.stoppedBecause = `ran all ${o.nRounds} rounds`;
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    const allRows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => w[i]! > 0);
    const allFeatures = Int32Array.from({ length: F }, (_, j) => j);
    for (let round = 0; round < o.nRounds; round++) {
      const rng = this.rng.fork(`round-${round}`);
      const rows = o.subsample < 1 ? Int32Array.from(rng.sampleIndices(n, Math.max(1, Math.round(o.subsample * n)))).filter((i) => w[i]! > 0).sort() : allRows;
      const features = o.colsample < 1 ? Int32Array.from(rng.sampleIndices(F, Math.max(1, Math.round(o.colsample * F)))).sort() : allFeatures;
      const probs = raw.map((r) => this.toProbabilities(r));
      const roundTrees: TreeNodes[] = [];
      for (let k = 0; k < K; k++) {
        const cls = K === 1 ? 1 : k;
        for (let i = 0; i < n; i++) {
          const p = probs[i]![cls]!;
          const target = y[i] === cls ? 1 : 0;
          g[i] = w[i]! * (p - target);
          h[i] = w[i]! * Math.max(p * (1 - p), 1e-16);
        }
        const tree = growGradientTree(binned, sparse, binner, g, h, rows, features, o);
        roundTrees.push(tree);
      }
      for (let k = 0; k < K; k++) {
        const t = roundTrees[k]!;
        for (let i = 0; i < n; i++) raw[i]![k]! += t.value(t.leafOf(x[i]!));
      }
      this.trees.push(roundTrees);
      if (val && valRaw) {
        let loss = 0;
        for (let i = 0; i < val.x.length; i++) {
          for (let k = 0; k < K; k++) {
            const t = roundTrees[k]!;
            valRaw[i]![k]! += t.value(t.leafOf(val.x[i]!));
          }
          const p = this.toProbabilities(valRaw[i]!);
          loss -= Math.log(Math.max(p[val.y[i]!]!, 1e-15));
        }
        loss /= val.x.length;
        this.validationLoss.push(loss);
        if (loss < bestLoss - 1e-12) {
          bestLoss = loss;
          bestRound = round + 1;
        } else if (o.earlyStoppingRounds > 0 && round + 1 - bestRound >= o.earlyStoppingRounds) {
          this.stoppedBecause = `early stopping: validation loss did not improve for ${o.earlyStoppingRounds} rounds (best round ${bestRound})`;
          break;
        }
      }
    }
    if (val && o.earlyStoppingRounds > 0 && bestRound > 0) this.trees = this.trees.slice(0, bestRound);
  }

  decisionScores(x: FeatureRows): Float64Array[] {
    if (this.trees.length === 0 && this.base.length === 0) throw new Error("GradientBoosting: not fitted");
    return this.rawScores(x).map((r) => this.toProbabilities(r));
  }

  predict(x: FeatureRows): Int32Array {
    return predictFromScores(this.decisionScores(x));
  }

  toJSON(): GradientBoostingJson & Record<string, unknown> {
    return {
      kind: "gbdt",
      nClasses: this.k,
      options: this.options,
      baseScore: [...this.base],
      trees: this.trees.map((r) => r.map((t) => t.toJSON())),
      bestRound: this.trees.length,
      stoppedBecause: this.stoppedBecause,
    };
  }

  static fromJSON(json: GradientBoostingJson): GradientBoosting {
    const gb = new GradientBoosting(json.options);
    gb.k = json.nClasses;
    gb.base = [...json.baseScore];
    gb.trees = json.trees.map((r) => r.map((t) => TreeNodes.fromJSON(t)));
    gb.stoppedBecause = json.stoppedBecause;
    return gb;
  }
}
