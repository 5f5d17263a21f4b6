import { describe, expect, it } from "vitest";
import { countMatrix, denseRows, KeyVocabulary } from "../../lib/features/count-matrix.js";

describe("KeyVocabulary + countMatrix", () => {
  const train = [
    [5, 5, 22],
    [5, 11],
  ];
  it("fits columns on training keys, ascending, with an OOV column last", () => {
    const v = KeyVocabulary.fit(train);
    expect(v.keys).toEqual([5, 11, 22]);
    expect(v.counts).toEqual([3, 1, 1]);
    expect(v.width).toBe(4);
    expect(v.column(11)).toBe(1);
    expect(v.column(99)).toBe(3);
    expect(v.columnNames()).toEqual(["E5", "E11", "E22", "OOV"]);
  });
  it("counts occurrences per session and unseen keys in the OOV column", () => {
    const v = KeyVocabulary.fit(train);
    const r = countMatrix([[5, 7, 7, 22], [11]], v);
    expect(denseRows(r.matrix).map((x) => [...x])).toEqual([
      [1, 0, 1, 2],
      [0, 1, 0, 0],
    ]);
    expect(Array.from(r.matrix.indptr)).toEqual([0, 3, 4]);
    expect(r.oov).toEqual({ sessions: 1, occurrences: 2, keys: [7] });
  });
  it("minCount sends keys in fewer sessions to OOV", () => {
    const v = KeyVocabulary.fit(train, { minCount: 2 });
    expect(v.keys).toEqual([5]);
    expect(denseRows(countMatrix([[5, 11, 22]], v).matrix)[0]).toEqual(Float64Array.of(1, 2));
  });
  it("round-trips through JSON and rejects bad input", () => {
    const v = KeyVocabulary.fit(train);
    expect(KeyVocabulary.fromJSON(JSON.parse(JSON.stringify(v.toJSON()))).keys).toEqual(v.keys);
    expect(() => KeyVocabulary.fromJSON({ ...v.toJSON(), version: 2 as 1 })).toThrow(/v1/);
    expect(() => KeyVocabulary.fit(train, { minCount: 0 })).toThrow(/minCount/);
  });
});
