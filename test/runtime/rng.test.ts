import { describe, expect, it } from "vitest";
import { Rng } from "../../lib/runtime/rng.js";

describe("Rng", () => {
  it("gives the same stream for the same seed and different streams for different seeds", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    const xb = Array.from({ length: 5 }, () => b.next());
    const xc = Array.from({ length: 5 }, () => c.next());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it("draws floats in [0,1) with a plausible mean and ints in range", () => {
    const r = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 10000; i++) counts[r.int(5)]++;
    for (const c of counts) expect(c).toBeGreaterThan(1700);
  });

  it("normal samples have mean 0 and std 1", () => {
    const r = new Rng(1);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });

  it("shuffle returns a permutation and leaves the input alone", () => {
    const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = new Rng(3).shuffle(input);
    expect([...out].sort()).toEqual([...input]);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Rng(3).shuffle(input)).toEqual(out);
  });

  it("fork gives independent, label-stable streams without advancing the parent", () => {
    const p1 = new Rng(9);
    const p2 = new Rng(9);
    const f = p1.fork("dropout");
    expect(p1.next()).toBe(p2.next());
    expect(new Rng(9).fork("dropout").next()).toBe(f.next());
    expect(new Rng(9).fork("a").next()).not.toBe(new Rng(9).fork("b").next());
  });

  it("sampleIndices draws without replacement and rejects k > n", () => {
    const idx = new Rng(5).sampleIndices(10, 10);
    expect(new Set(idx).size).toBe(10);
    expect(() => new Rng(5).sampleIndices(3, 4)).toThrow(/cannot take 4 of 3/);
  });

  it("weightedIndex follows the weights", () => {
    const r = new Rng(11);
    const counts = [0, 0, 0];
    for (let i = 0; i < 9000; i++) counts[r.weightedIndex([1, 0, 2])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(1.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(2.3);
  });

  it("rejects bad arguments with the value in the message", () => {
    expect(() => new Rng(NaN)).toThrow(/finite/);
    expect(() => new Rng(1).int(0)).toThrow(/got 0/);
  });
});
