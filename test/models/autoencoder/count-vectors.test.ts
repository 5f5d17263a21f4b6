import { describe, expect, it } from "vitest";
import { CountVectorizer, distinctRows } from "../../../lib/models/autoencoder/count-vectors.js";

describe("CountVectorizer", () => {
  // Moved from test/models/autoencoder/autoencoders.test.ts.
  it("count vectors: log-scaled to [0, 1] on training data, unseen keys in the OOV column, distinct rows counted", () => {
    const v = CountVectorizer.fit([[1, 1, 2], [2, 3]]);
    const rows = v.transform([[1, 1, 2], [9]]);
    expect(v.width).toBe(4);
    expect(Math.max(...rows[0]!)).toBeLessThanOrEqual(1);
    expect(rows[1]![3]).toBeGreaterThan(0);
    const d = distinctRows(v.transform([[1, 2], [2, 1], [3]]));
    expect(d.rows).toHaveLength(2);
    expect(Array.from(d.counts)).toEqual([2, 1]);
    expect(CountVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON()))).transform([[1, 2]])).toEqual(v.transform([[1, 2]]));
  });

  it("log1p(count) / log1p(largest training count of the column); a never-used column (OOV) has scale 1", () => {
    // Training counts: key 1 up to 2, keys 2 and 3 up to 1, OOV always 0.
    const v = CountVectorizer.fit([[1, 1, 2], [2, 3]]);
    const [a, b, c] = v.transform([[1, 1, 2], [9, 9, 9], [1, 1, 1, 1]]);
    expect(Array.from(a!)).toEqual([1, 1, 0, 0]);
    expect(b![3]).toBeCloseTo(Math.log1p(3), 6);
    expect(c![0]).toBeCloseTo(Math.log1p(4) / Math.log1p(2), 6); // above 1 outside the training range
    expect(v.toJSON().scale).toEqual([Math.log1p(2), Math.log1p(1), Math.log1p(1), 1]);
  });

  it("refuses a foreign JSON", () => {
    const v = CountVectorizer.fit([[1]]);
    expect(() => CountVectorizer.fromJSON({ ...v.toJSON(), version: 2 as 1 })).toThrow("not loglab autoencoder count vectors v1 (format loglab.ae-count-vectors)");
    expect(() => CountVectorizer.fromJSON(null as never)).toThrow(/format undefined/);
  });
});

describe("distinctRows", () => {
  it("distinct rows in first-seen order, their counts, and each input row's distinct row", () => {
    const r = distinctRows([Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(1, 0), Float32Array.of(1, 0)]);
    expect(r.rows.map((x) => Array.from(x))).toEqual([[1, 0], [0, 1]]);
    expect(Array.from(r.counts)).toEqual([3, 1]);
    expect(Array.from(r.rowOf)).toEqual([0, 1, 0, 0]);
    expect(distinctRows([]).rows).toEqual([]);
  });
});
