import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { lengthSortedBatches, pairedDomainBatches, paddedRows } from "../../../lib/models/bert/length-batches.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

describe("lengthSortedBatches", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("without rng: sorted by length, cut by count and by padded positions", () => {
    const lengths = [5, 1, 3, 3, 10, 2];
    expect(lengthSortedBatches(lengths, 2, 100, null).map((b) => Array.from(b))).toEqual([[1, 5], [2, 3], [0, 4]]);
    // at most 12 padded positions: [1,5,2,3] would be 4 × 3 = 12, then 5 alone (5), then 10 alone
    expect(lengthSortedBatches(lengths, 10, 12, null).map((b) => Array.from(b))).toEqual([[1, 5, 2, 3], [0], [4]]);
  });

  it("with rng: every index once, seeded (same seed, same batches), batches of similar lengths", () => {
    const lengths = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 50));
    const a = lengthSortedBatches(lengths, 16, 10_000, new Rng(3));
    const b = lengthSortedBatches(lengths, 16, 10_000, new Rng(3));
    expect(a.map((x) => Array.from(x))).toEqual(b.map((x) => Array.from(x)));
    expect(a.flatMap((x) => Array.from(x)).sort((p, q) => p - q)).toEqual(lengths.map((_, i) => i));
    for (const batch of a) {
      const ls = Array.from(batch, (i) => lengths[i]!);
      expect(Math.max(...ls) - Math.min(...ls)).toBeLessThanOrEqual(Math.ceil(0.1 * 50) + 1);
    }
  });

  it("paddedRows: right-padded with 0", () => {
    tf.tidy(() => {
      expect(paddedRows([[2, 5], [2]]).arraySync()).toEqual([[2, 5], [2, 0]]);
      expect(paddedRows([[2]], 3).arraySync()).toEqual([[2, 0, 0]]);
    });
    expect(() => paddedRows([[1, 2, 3]], 2)).toThrow("a row of 3 does not fit in 2");
  });
});

describe("pairedDomainBatches", () => {
  it("one batch per source batch, every source row once, each joined with target rows of a similar length", () => {
    const source = Array.from({ length: 120 }, (_, i) => 2 + (i % 40));
    const target = Array.from({ length: 30 }, (_, i) => 2 + ((i * 7) % 40));
    const batches = pairedDomainBatches(source, target, 8, 8 * 64, new Rng(3));
    expect(batches).toHaveLength(lengthSortedBatches(source, 8, 8 * 64, new Rng(3)).length);
    const seen = batches.flatMap((b) => Array.from(b).filter((i) => i < source.length)).sort((a, b) => a - b);
    expect(seen).toEqual(source.map((_, i) => i));
    for (const b of batches) {
      const src = Array.from(b).filter((i) => i < source.length);
      const tgt = Array.from(b).filter((i) => i >= source.length).map((i) => i - source.length);
      expect(src.length).toBeGreaterThan(0);
      expect(tgt.length).toBeGreaterThan(0);
      expect(tgt.every((j) => j < target.length)).toBe(true);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      // a target batch from the same length quantile: means within a fifth of the range
      expect(Math.abs(mean(src.map((i) => source[i]!)) - mean(tgt.map((j) => target[j]!)))).toBeLessThan(10);
    }
    // seeded
    expect(pairedDomainBatches(source, target, 8, 8 * 64, new Rng(3)).map((b) => Array.from(b))).toEqual(batches.map((b) => Array.from(b)));
  });

  it("without target rows: the source batches alone", () => {
    const source = [3, 1, 2, 5];
    expect(pairedDomainBatches(source, [], 2, 100, null).map((b) => Array.from(b))).toEqual(lengthSortedBatches(source, 2, 100, null).map((b) => Array.from(b)));
  });
});
