import type { Rng } from "../runtime/rng.js";

/** One fold: indices to fit on and indices to evaluate on. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/**
 * k-fold cross-validation indices over n items, shuffled with `rng`. With `labels`, folds are
 * stratified: each class is dealt round-robin over the folds, so every fold keeps the class
 * shares (scikit-learn's StratifiedKFold). Used inside training data only (hyperparameter search).
 *
 * @example
 * for (const { train, test } of kFold(rows.length, 5, rng, labels)) { ... }
 */
export function kFold(n: number, k: number, rng: Rng, labels?: ArrayLike<number>): Fold[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new Error(`kFold: k must be an integer >= 2, got ${k}`);
  if (n < k) throw new Error(`kFold: cannot make ${k} folds of ${n} items`);
  if (labels && labels.length !== n) throw new Error(`kFold: ${n} items but ${labels.length} labels`);
  const foldOf = new Int32Array(n);
  if (labels) {
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      const list = byClass.get(c);
      if (list) list.push(i);
      else byClass.set(c, [i]);
    }
    let offset = 0;
    for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
      const members = rng.shuffle(byClass.get(c)!);
      members.forEach((i, j) => (foldOf[i] = (j + offset) % k));
      offset = (offset + members.length) % k;
    }
  } else {
    const perm = rng.permutation(n);
    perm.forEach((i, j) => (foldOf[i] = j % k));
  }
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? test : train).push(i);
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}

/**
 * Group k-fold: every group (e.g. all lines of one log template) lands in exactly one test fold,
 * so a fold never tests on a group it trained on. Groups are shuffled with `rng` and dealt to the
 * fold with the fewest items so far (scikit-learn's GroupKFold balancing, with a seeded order).
 */
export function groupKFold(groups: ArrayLike<number | string>, k: number, rng: Rng): Fold[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new Error(`groupKFold: k must be an integer >= 2, got ${k}`);
  const members = new Map<number | string, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }
  if (members.size < k) throw new Error(`groupKFold: ${members.size} groups cannot fill ${k} folds`);
  const order = rng.shuffle([...members.keys()]).sort((a, b) => members.get(b)!.length - members.get(a)!.length);
  const size = new Array<number>(k).fill(0);
  const foldOf = new Int32Array(groups.length);
  for (const g of order) {
    let f = 0;
    for (let q = 1; q < k; q++) if (size[q]! < size[f]!) f = q;
    for (const i of members.get(g)!) foldOf[i] = f;
    size[f]! += members.get(g)!.length;
  }
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < groups.length; i++) (foldOf[i] === f ? test : train).push(i);
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}
