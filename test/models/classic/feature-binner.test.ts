import { describe, expect, it } from "vitest";
import { FeatureBinner } from "../../../lib/models/classic/feature-binner.js";

describe("FeatureBinner", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("bins distinct values exactly at midpoints", () => {
    const b = FeatureBinner.fit([[0], [1], [1], [3]]);
    expect(Array.from(b.edges[0]!)).toEqual([0.5, 2]);
    expect([b.bin(0, 0), b.bin(0, 1), b.bin(0, 2), b.bin(0, 100)]).toEqual([0, 1, 1, 2]);
    expect(FeatureBinner.fit(Array.from({ length: 1000 }, (_, i) => [i]), 16).nBins(0)).toBeLessThanOrEqual(16);
  });

  it("a value on an edge goes to the lower bin, so 'bin <= b' is 'value <= threshold(j, b)'", () => {
    const b = FeatureBinner.fit([[0, 5], [1, 5], [3, 5]]);
    expect(b.nFeatures).toBe(2);
    expect(b.bin(0, 0.5)).toBe(0);
    expect(b.bin(0, 0.5000001)).toBe(1);
    expect(b.bin(0, -100)).toBe(0);
    expect(b.threshold(0, 0)).toBe(0.5);
    expect(b.threshold(0, 1)).toBe(2);
    // A constant column has a single bin.
    expect(b.nBins(1)).toBe(1);
    expect(b.bin(1, 123)).toBe(0);
  });

  it("more distinct values than bins: quantile cuts between distinct values, roughly equal bins", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i]);
    const b = FeatureBinner.fit(rows, 4);
    expect(b.nBins(0)).toBe(4);
    const counts = [0, 0, 0, 0];
    for (const [v] of rows) counts[b.bin(0, v!)]!++;
    for (const c of counts) expect(c).toBe(250);
    for (const e of b.edges[0]!) expect(e % 1).toBe(0.5); // between two training values
  });

  it("transform gives column-major bins of every row (values on an edge in the lower bin)", () => {
    const b = FeatureBinner.fit([[0, 10], [1, 20], [2, 20]]); // edges [0.5, 1.5] and [15]
    const t = b.transform([[0, 20], [2, 10], [1.5, 15], [1.6, 15.1]]);
    expect(t.map((c) => Array.from(c))).toEqual([
      [0, 2, 1, 2],
      [1, 0, 0, 1],
    ]);
    expect(t[0]).toBeInstanceOf(Uint8Array);
  });

  it("maxBins must be an integer in 2..256; no rows means no features", () => {
    for (const m of [1, 257, 2.5]) expect(() => FeatureBinner.fit([[1]], m)).toThrow(`FeatureBinner: maxBins must be an integer in 2..256, got ${m}`);
    expect(FeatureBinner.fit([]).nFeatures).toBe(0);
  });
});
