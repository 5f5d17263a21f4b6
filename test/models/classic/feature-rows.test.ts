import { describe, expect, it } from "vitest";
import { argMax, checkClassLabels, checkFeatureRows, checkOneOf } from "../../../lib/models/classic/feature-rows.js";

describe("feature-row checks", () => {
  it("checkFeatureRows returns the column count and names the first bad row and column", () => {
    expect(checkFeatureRows([[1, 2], Float64Array.of(3, 4)], "f")).toBe(2);
    expect(checkFeatureRows([[1, 2]], "f", 2)).toBe(2);
    expect(() => checkFeatureRows([], "M.fit")).toThrow("M.fit: no rows");
    expect(() => checkFeatureRows([[1, 2]], "M.score", 3)).toThrow("M.score: rows have 2 columns, the model was fit on 3");
    expect(() => checkFeatureRows([[1, 2], [1]], "M.fit")).toThrow("M.fit: row 1 has 1 columns, row 0 has 2");
    expect(() => checkFeatureRows([[1, 2], [1, Infinity]], "M.fit")).toThrow("M.fit: row 1 column 1 is Infinity");
  });

  it("checkClassLabels: integers >= 0 aligned with rows; at least two classes; a given count bounds them", () => {
    expect(checkClassLabels([0, 2, 1], 3, "f")).toBe(3);
    expect(checkClassLabels([0, 0], 2, "f")).toBe(2);
    expect(checkClassLabels([0, 1], 2, "f", 7)).toBe(7);
    expect(() => checkClassLabels([0, 1], 3, "M.fit")).toThrow("M.fit: 3 rows but 2 labels");
    expect(() => checkClassLabels([0, 1.5], 2, "M.fit")).toThrow("M.fit: label 1 is 1.5, expected an integer class index >= 0");
    expect(() => checkClassLabels([-1], 1, "M.fit")).toThrow("M.fit: label 0 is -1");
    expect(() => checkClassLabels([0, 3], 2, "M.fit", 3)).toThrow("M.fit: label 3 is out of range for 3 classes");
  });

  it("argMax: the index of the largest value, first on ties", () => {
    expect(argMax([1, 3, 3, 2])).toBe(1);
    expect(argMax(Float64Array.of(-5, -1))).toBe(1);
    expect(argMax([7])).toBe(0);
  });

  it("checkOneOf: the value when allowed, else an error naming the parameter and the choices", () => {
    expect(checkOneOf("balance", "smote", ["none", "smote"] as const)).toBe("smote");
    expect(() => checkOneOf("balance", "oversample", ["none", "smote"])).toThrow('balance must be one of "none", "smote", got "oversample"');
  });
});
