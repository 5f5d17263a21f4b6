import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFeatureArrays, writeFeatureArrays } from "../../lib/features/feature-store.js";

const dir = mkdtempSync(join(tmpdir(), "store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("feature arrays", () => {
  it("round-trips typed arrays of every dtype, 8-byte aligned, with meta", () => {
    const arrays = { a: Int32Array.from([1, -2, 3]), b: Float32Array.from([0.5, 1.5]), c: Float64Array.from([Math.PI]), d: Uint8Array.from([1, 0, 1, 1, 0]) };
    const w = writeFeatureArrays(dir, "x", arrays, { rows: 3 });
    expect(w.bytes).toBe(16 + 8 + 8 + 5);
    const r = readFeatureArrays(dir, "x");
    expect(r.meta).toEqual({ rows: 3 });
    expect(r.arrays.a).toEqual(arrays.a);
    expect(r.arrays.b).toEqual(arrays.b);
    expect(r.arrays.c).toEqual(arrays.c);
    expect(r.arrays.d).toEqual(arrays.d);
  });
  it("writes views of larger buffers correctly", () => {
    const big = Int32Array.from([9, 9, 1, 2, 9]);
    writeFeatureArrays(dir, "view", { v: big.subarray(2, 4) });
    expect(Array.from(readFeatureArrays(dir, "view").arrays.v!)).toEqual([1, 2]);
  });
  it("rejects bad names, missing and truncated files", () => {
    expect(() => writeFeatureArrays(dir, "a/b", {})).toThrow(/must be letters/);
    expect(() => readFeatureArrays(dir, "nope")).toThrow(/not found/);
    writeFeatureArrays(dir, "t", { a: Int32Array.from([1, 2]) });
    writeFileSync(join(dir, "t.bin"), new Uint8Array(3));
    expect(() => readFeatureArrays(dir, "t")).toThrow(/3 bytes/);
  });
});
