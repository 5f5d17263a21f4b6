import { describe, expect, it } from "vitest";
import { mergeDuplicateRows, predictFromScores, sampleWeightsOf } from "../../../lib/models/classic/classifier.js";

describe("classifier helpers", () => {
  it("predictFromScores takes the largest score per row, the first on ties", () => {
    expect(Array.from(predictFromScores([Float64Array.of(0.1, 0.7, 0.2), Float64Array.of(1, 1, 0), Float64Array.of(-3, -1, -2)]))).toEqual([1, 0, 1]);
    expect(predictFromScores([])).toEqual(new Int32Array(0));
  });

  it("sampleWeightsOf: ones by default, else a checked copy", () => {
    expect(Array.from(sampleWeightsOf(3, undefined, "f"))).toEqual([1, 1, 1]);
    const given = [0, 2.5, 1];
    const w = sampleWeightsOf(3, given, "f");
    expect(Array.from(w)).toEqual(given);
    w[0] = 9;
    expect(given[0]).toBe(0);
    expect(() => sampleWeightsOf(3, [1, 1], "Model.fit")).toThrow("Model.fit: 3 rows but 2 sample weights");
    expect(() => sampleWeightsOf(2, [1, -1], "Model.fit")).toThrow("Model.fit: sample weight 1 is -1");
    expect(() => sampleWeightsOf(2, [Infinity, 1], "Model.fit")).toThrow("Model.fit: sample weight 0 is Infinity");
    expect(() => sampleWeightsOf(1, [NaN], "Model.fit")).toThrow("Model.fit: sample weight 0 is NaN");
  });

  it("mergeDuplicateRows sums the weights of identical (row, label) pairs, keeps first-seen order and drops zero weights", () => {
    const x = [[1, 0], [0, 1], [1, 0], [1, 0], [0, 1]];
    const y = [1, 0, 1, 0, 0];
    const r = mergeDuplicateRows(x, y, [1, 2, 3, 4, 0]);
    expect(r.x).toEqual([[1, 0], [0, 1], [1, 0]]);
    expect(Array.from(r.y)).toEqual([1, 0, 0]);
    expect(Array.from(r.w)).toEqual([4, 2, 4]);
    // Typed rows merge by value too.
    const t = mergeDuplicateRows([Float64Array.of(0.5), Float64Array.of(0.5)], [1, 1], [1, 1]);
    expect(Array.from(t.w)).toEqual([2]);
  });
});
