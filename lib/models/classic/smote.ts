/**
 * SMOTE, the Synthetic Minority Over-sampling TEchnique (Chawla, Bowyer, Hall & Kegelmeyer,
 * JAIR 16, 2002, §4.2): for a class with fewer rows than wanted, new rows are drawn on the
 * segment between a random row of that class and one of its `k` nearest neighbours (Euclidean,
 * within the class): x_new = x + u·(x_nn − x), u ~ U(0, 1). Applied to training rows only
 * (after feature weighting), never to validation or test rows.
 */
import type { Rng } from "../../runtime/rng.js";
import { checkClassLabels, checkFeatureRows, type FeatureRows } from "./feature-rows.js";

/** Options of {@link smote}. */
export interface SmoteOptions {
  /** Neighbours per row (default 5). */
  k?: number;
  /** Each class is brought up to ratio × the largest class's count (default 1: balanced). */
  ratio?: number;
}

/** Result of {@link smote}: the original rows first, then the synthetic ones. */
export interface SmoteResult {
  x: Float64Array[];
  y: Int32Array;
  /** Synthetic rows added per class. */
  added: number[];
}

/**
 * Over-samples every minority class to `ratio` × the majority count with SMOTE. Inputs are not
 * changed. A class with a single row is duplicated (it has no neighbour).
 *
 * @example
 * const { x, y, added } = smote(trainRows, trainLabels, { k: 5 }, rng.fork("smote"));
 */
export function smote(x: FeatureRows, y: ArrayLike<number>, options: SmoteOptions, rng: Rng): SmoteResult {
  const d = checkFeatureRows(x, "smote");
  const K = checkClassLabels(y, x.length, "smote");
  const k = options.k ?? 5;
  const ratio = options.ratio ?? 1;
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`smote: k must be an integer >= 1, got ${k}`);
  if (!(ratio > 0 && ratio <= 1)) throw new Error(`smote: ratio must be in (0, 1], got ${ratio}`);
  const byClass: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < x.length; i++) byClass[y[i]!]!.push(i);
  const majority = Math.max(...byClass.map((c) => c.length));
  const outX = x.map((r) => Float64Array.from(r));
  const outY: number[] = Array.from(y);
  const added = new Array<number>(K).fill(0);
  // Sparse copies make neighbour search cheap on count/tf-idf rows (mostly zeros).
  const sparse = x.map((r) => {
    const idx: number[] = [];
    const val: number[] = [];
    let norm = 0;
    for (let j = 0; j < d; j++) if (r[j] !== 0) {
      idx.push(j);
      val.push(r[j]!);
      norm += r[j]! * r[j]!;
    }
    return { idx, val, norm };
  });
  const dense = x.map((r) => Float64Array.from(r));
  for (let c = 0; c < K; c++) {
    const members = byClass[c]!;
    const want = Math.floor(ratio * majority) - members.length;
    if (want <= 0 || members.length === 0) continue;
    const kk = Math.min(k, members.length - 1);
    const neighbours = new Map<number, number[]>();
    const neighboursOf = (i: number): number[] => {
      let nb = neighbours.get(i);
      if (nb) return nb;
      const a = sparse[i]!;
      const ra = dense[i]!;
      const dists: [number, number][] = [];
      for (const j of members) {
        if (j === i) continue;
        const b = sparse[j]!;
        let dot = 0;
        for (let p = 0; p < b.idx.length; p++) dot += ra[b.idx[p]!]! * b.val[p]!;
        dists.push([a.norm + b.norm - 2 * dot, j]);
      }
      dists.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      nb = dists.slice(0, kk).map((p) => p[1]);
      neighbours.set(i, nb);
      return nb;
    };
    for (let s = 0; s < want; s++) {
      const i = members[rng.int(members.length)]!;
      const base = dense[i]!;
      const row = Float64Array.from(base);
      if (kk > 0) {
        const nb = neighboursOf(i);
        const other = dense[nb[rng.int(nb.length)]!]!;
        const u = rng.next();
        for (let j = 0; j < d; j++) row[j] = base[j]! + u * (other[j]! - base[j]!);
      }
      outX.push(row);
      outY.push(c);
      added[c]!++;
    }
  }
  return { x: outX, y: Int32Array.from(outY), added };
}

/** scikit-learn's "balanced" class weights: n / (K · n_c) per row. */
export function balancedClassWeights(y: ArrayLike<number>, nClasses?: number): Float64Array {
  const K = checkClassLabels(y, y.length, "balancedClassWeights", nClasses);
  const counts = new Array<number>(K).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  return Float64Array.from({ length: y.length }, (_, i) => y.length / (K * counts[y[i]!]!));
}
