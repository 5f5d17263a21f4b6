import { describe, expect, it } from "vitest";
import { PcaSpe, qStatisticThreshold } from "../../../lib/models/classic/pca-spe.js";
import { Rng } from "../../../lib/runtime/rng.js";

/** 200 rows near the line t·(1, 2, 0). */
function lineRows(seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: 200 }, () => {
    const t = rng.normal() * 5;
    return [t, 2 * t + rng.normal() * 0.01, rng.normal() * 0.01];
  });
}

describe("PcaSpe", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("PCA: the Q-statistic matches a hand computation and a residual outlier scores highest", () => {
    // Residual eigenvalues 1 and 1: φ1 = 2, φ2 = 2, φ3 = 2, h0 = 1 − 8/12 = 1/3.
    const h0 = 1 / 3;
    const expected = 2 * Math.pow((3 * Math.sqrt(2 * 2 * h0 * h0)) / 2 + 1 + (2 * h0 * (h0 - 1)) / 4, 1 / h0);
    expect(qStatisticThreshold([1, 1], 3)).toBeCloseTo(expected, 10);
    expect(qStatisticThreshold([0, 0], 3)).toBeNull();
    const rows = lineRows(1);
    const pca = new PcaSpe({ nComponents: 1 });
    pca.fit(rows);
    const s = pca.score([[1, 2, 0], [1, -2, 0]]);
    expect(s[0]).toBeLessThan(0.01);
    // (1, −2) is 4/√5 away from the line t·(1, 2): SPE = 16/5.
    expect(s[1]).toBeCloseTo(16 / 5, 1);
    expect(s[1]).toBeGreaterThan(pca.intrinsicThreshold!);
  });

  it("a variance share picks the fewest components that explain it; eigenvalues come sorted", () => {
    const pca = new PcaSpe({ nComponents: 0.95 });
    pca.fit(lineRows(2));
    expect(pca.k).toBe(1);
    expect(pca.eigenvalues).toHaveLength(3);
    expect(pca.eigenvalues[0]).toBeGreaterThan(pca.eigenvalues[1]!);
    expect(pca.eigenvalues[1]).toBeGreaterThanOrEqual(pca.eigenvalues[2]!);
    // The first eigenvalue is the variance along the line: Var(t)·(1 + 4) ≈ 25·5.
    expect(pca.eigenvalues[0]! / 125).toBeGreaterThan(0.7);
    expect(pca.eigenvalues[0]! / 125).toBeLessThan(1.3);
  });

  it("SPE is ‖residual‖² after centring: with every component kept it is 0", () => {
    const pca = new PcaSpe({ nComponents: 3 });
    pca.fit(lineRows(3));
    expect(pca.k).toBe(3);
    expect(pca.intrinsicThreshold).toBeNull(); // no residual eigenvalues
    for (const v of pca.score([[7, -3, 2], [0, 0, 0]])) expect(v).toBeLessThan(1e-9);
  });

  it("JSON round trip keeps scores and threshold", () => {
    const pca = new PcaSpe({ nComponents: 1, cAlpha: 2 });
    pca.fit(lineRows(4));
    const back = PcaSpe.fromJSON(JSON.parse(JSON.stringify(pca.toJSON())));
    expect(back.score([[1, 1, 1]])).toEqual(pca.score([[1, 1, 1]]));
    expect(back.intrinsicThreshold).toBe(pca.intrinsicThreshold);
    expect(back.k).toBe(1);
  });

  it("errors: nComponents > 0, at least 2 rows, fit before score, the same columns", () => {
    expect(() => new PcaSpe({ nComponents: 0 })).toThrow("pca: nComponents must be > 0, got 0");
    expect(() => new PcaSpe().fit([[1, 2]])).toThrow("PcaSpe.fit: needs at least 2 rows");
    expect(() => new PcaSpe().score([[1]])).toThrow("PcaSpe: not fitted");
    const pca = new PcaSpe({ nComponents: 1 });
    pca.fit(lineRows(5));
    expect(() => pca.score([[1, 2]])).toThrow("PcaSpe.score: rows have 2 columns, the model was fit on 3");
  });
});
