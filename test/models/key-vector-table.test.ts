import { describe, expect, it } from "vitest";
import { keysOfSessions, keyVectorsFromTable, keyVectorTable } from "../../lib/models/key-vector-table.js";

const kv = { dim: 3, freeze: true, source: "fixture", vector: (k: number) => (k % 2 === 0 ? [k, k + 0.5, -k] : null) };

describe("keyVectorTable", () => {
  it("keeps each asked key that has a vector once, and gives the same vectors back", () => {
    const t = keyVectorTable(kv, [4, 1, 2, 4, 7]);
    expect(Array.from(t.keys)).toEqual([4, 2]);
    expect(t.values.length).toBe(6);
    const back = keyVectorsFromTable(structuredClone(t));
    expect(back).toMatchObject({ dim: 3, freeze: true, source: "fixture" });
    expect(Array.from(back.vector(2)!)).toEqual([2, 2.5, -2]);
    expect(Array.from(back.vector(4)!)).toEqual([4, 4.5, -4]);
    expect(back.vector(1)).toBeNull();
    expect(back.vector(6)).toBeNull(); // not asked for
  });

  it("refuses a vector of the wrong length, naming the key", () => {
    expect(() => keyVectorTable({ ...kv, vector: () => [1, 2] }, [5])).toThrow(/key 5 has 2 values, expected 3/);
  });

  it("collects the keys of session sets", () => {
    expect([...keysOfSessions({ sequences: [[1, 2], [2, 9]] }, { sequences: [[0]] })].sort((a, b) => a - b)).toEqual([0, 1, 2, 9]);
  });
});
