import { Rng } from "../runtime/rng.js";

/** Shares of the three parts (they must sum to 1). */
export interface PartFractions {
  train: number;
  validation: number;
  test: number;
}

/**
 * Assigns whole groups (e.g. the lines of one template) to train (0), validation (1) or test (2):
 * the distinct groups, sorted, are shuffled with `rng`, then filled into train until it holds
 * `train` of the items, then validation, then test. Every item of a group lands in the same part.
 * This is notebook 05's split by template; the same groups, fractions and seed give the same parts.
 *
 * @example
 * groupParts(["a", "a", "b", "c"], { train: 0.5, validation: 0.25, test: 0.25 }, new Rng(1)); // Int8Array of 0/1/2
 */
export function groupParts(groups: readonly string[], fractions: PartFractions, rng: Rng): Int8Array {
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-9 || [fractions.train, fractions.validation, fractions.test].some((f) => f < 0)) throw new Error(`groupParts: fractions must be ≥ 0 and sum to 1, got ${JSON.stringify(fractions)}`);
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const members = byGroup.get(g);
    if (members) members.push(i);
    else byGroup.set(g, [i]);
  });
  const order = rng.shuffle([...byGroup.keys()].sort());
  const part = new Int8Array(groups.length);
  let filled = 0;
  for (const g of order) {
    const members = byGroup.get(g)!;
    const share = filled / groups.length;
    const p = share < fractions.train ? 0 : share < fractions.train + fractions.validation ? 1 : 2;
    for (const i of members) part[i] = p;
    filled += members.length;
  }
  return part;
}

/**
 * Assigns single items to train (0), validation (1) or test (2) at random: a seeded permutation
 * cut at the fractions (a random split by line).
 */
export function randomParts(count: number, fractions: PartFractions, rng: Rng): Int8Array {
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-9) throw new Error(`randomParts: fractions must sum to 1, got ${JSON.stringify(fractions)}`);
  const order = rng.permutation(count);
  const part = new Int8Array(count);
  const nTrain = Math.round(fractions.train * count);
  const nVal = Math.round(fractions.validation * count);
  order.forEach((i, k) => (part[i] = k < nTrain ? 0 : k < nTrain + nVal ? 1 : 2));
  return part;
}
