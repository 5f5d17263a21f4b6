import { describe, expect, it } from "vitest";
import { CountTransform } from "../../lib/features/tfidf.js";

// Hand-computed: 4 rows, column 0 non-zero in 2 rows, column 1 in 4, column 2 in none.
const X = [
  [1, 2, 0],
  [0, 1, 0],
  [3, 1, 0],
  [0, 4, 0],
];

describe("CountTransform (loglizer's FeatureExtractor)", () => {
  it("tf-idf multiplies by ln(N / (df + 1e-8))", () => {
    const t = CountTransform.fit(X, { termWeighting: "tf-idf" });
    expect(t.idf[0]).toBeCloseTo(Math.log(4 / 2), 6);
    expect(t.idf[1]).toBeCloseTo(0, 6);
    expect(t.idf[2]).toBeCloseTo(Math.log(4 / 1e-8), 6);
    const out = t.transform([[2, 5, 1]]);
    expect(out[0]![0]).toBeCloseTo(2 * Math.log(2), 6);
    expect(out[0]![2]).toBeCloseTo(Math.log(4e8), 4);
  });
  it("zero-mean subtracts the training means after weighting", () => {
    const t = CountTransform.fit(X, { normalization: "zero-mean" });
    expect(Array.from(t.mean)).toEqual([1, 2, 0]);
    expect(Array.from(t.transform([[1, 2, 0]])[0]!)).toEqual([0, 0, 0]);
    const tt = CountTransform.fit(X, { termWeighting: "tf-idf", normalization: "zero-mean" });
    expect(tt.mean[0]).toBeCloseTo((4 * Math.log(2)) / 4, 6);
  });
  it("sigmoid maps non-zero entries only", () => {
    const t = CountTransform.fit(X, { normalization: "sigmoid" });
    const out = t.transform([[0, 1, -2]])[0]!;
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
    expect(out[2]).toBeCloseTo(1 / (1 + Math.exp(2)), 10);
  });
  it("does not change its input, round-trips through JSON, rejects unknown options", () => {
    const copy = X.map((r) => [...r]);
    const t = CountTransform.fit(X, { termWeighting: "tf-idf", normalization: "zero-mean" });
    t.transform(X);
    expect(X).toEqual(copy);
    const again = CountTransform.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(again.transform([[1, 1, 1]])).toEqual(t.transform([[1, 1, 1]]));
    expect(() => CountTransform.fit(X, { termWeighting: "bm25" as "tf-idf" })).toThrow(/termWeighting/);
  });
});
