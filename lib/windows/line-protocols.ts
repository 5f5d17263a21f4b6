import { Rng } from "../runtime/rng.js";
import { groupParts, randomParts, type PartFractions } from "./group-split.js";

/** The three evaluation protocols of the line classifiers. */
export type LineProtocol = "random" | "template" | "loso";

/** Line indices of one train / validation / test split. */
export interface LineSplit {
  protocol: LineProtocol;
  /** `random`, `template`, or `loso:<System>`. */
  name: string;
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
  /** Leave-one-system-out: the held-out system (its lines are the test part). */
  heldOut?: string;
}

/** The default shares: 60 / 20 / 20, as notebook 05. */
export const DEFAULT_LINE_FRACTIONS: PartFractions = { train: 0.6, validation: 0.2, test: 0.2 };

function indicesOf(part: Int8Array, p: number): Int32Array {
  const out: number[] = [];
  part.forEach((v, i) => {
    if (v === p) out.push(i);
  });
  return Int32Array.from(out);
}

/** (a) A random split by line (the protocol of the system loglab compares with). */
export function randomLineSplit(count: number, seed: number, fractions: PartFractions = DEFAULT_LINE_FRACTIONS): LineSplit {
  const part = randomParts(count, fractions, new Rng(seed).fork("line-random-split"));
  return { protocol: "random", name: "random", train: indicesOf(part, 0), validation: indicesOf(part, 1), test: indicesOf(part, 2) };
}

/**
 * (b) A split by template: every line of one (system, template) group in the same part, so no
 * test template occurs in training. With the lines in LogHub order and the same seed this is
 * exactly notebook 05's 7-class split (`buildLogClassDataset`).
 */
export function templateLineSplit(groups: readonly string[], seed: number, fractions: PartFractions = DEFAULT_LINE_FRACTIONS): LineSplit {
  const part = groupParts(groups, fractions, new Rng(seed).fork("log-class-split"));
  return { protocol: "template", name: "template", train: indicesOf(part, 0), validation: indicesOf(part, 1), test: indicesOf(part, 2) };
}

/**
 * (c) Leave one system out: for each system, its lines are the test part; the other systems'
 * lines are split by template into train and validation (`validationFraction` of them, default
 * 0.15), so early stopping also sees templates it was not trained on.
 */
export function leaveOneSystemOutSplits(systemOf: readonly string[], groups: readonly string[], seed: number, validationFraction = 0.15): LineSplit[] {
  if (systemOf.length !== groups.length) throw new Error(`leaveOneSystemOutSplits: ${systemOf.length} systems but ${groups.length} groups`);
  const systems = [...new Set(systemOf)];
  return systems.map((held) => {
    const rest: number[] = [];
    const test: number[] = [];
    systemOf.forEach((s, i) => (s === held ? test : rest).push(i));
    const part = groupParts(rest.map((i) => groups[i]!), { train: 1 - validationFraction, validation: validationFraction, test: 0 }, new Rng(seed).fork(`loso-${held}`));
    const train = rest.filter((_, k) => part[k] === 0);
    const validation = rest.filter((_, k) => part[k] !== 0);
    return { protocol: "loso" as const, name: `loso:${held}`, train: Int32Array.from(train), validation: Int32Array.from(validation), test: Int32Array.from(test), heldOut: held };
  });
}
