import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { damaged } from "../io/damage.js";
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
  // Issue 10: every artifact read back is checked against what was recorded when it was written.
  it("random bit flips, truncations and random bytes of either file are errors naming it, or read back the same arrays (property)", () => {
    const arrays = { ids: Int32Array.from([3, 1, 4, 1, 5, 9, 2, 6]), w: Float32Array.from([0.5, -1.25, 2]) };
    writeFeatureArrays(dir, "fz", arrays, { rows: 8 });
    const files = { json: readFileSync(join(dir, "fz.json")), bin: readFileSync(join(dir, "fz.bin")) };
    fc.assert(
      fc.property(
        fc.constantFrom("json" as const, "bin" as const),
        fc.oneof(fc.record({ flip: fc.nat() }), fc.record({ cut: fc.nat() }), fc.record({ random: fc.uint8Array({ maxLength: 120 }) })),
        (which, d) => {
          const bytes = files[which];
          const damage = "flip" in d ? { flip: d.flip % (bytes.length * 8) } : "cut" in d ? { cut: d.cut % bytes.length } : d;
          writeFileSync(join(dir, "fz.json"), which === "json" ? damaged(bytes, damage) : files.json);
          writeFileSync(join(dir, "fz.bin"), which === "bin" ? damaged(bytes, damage) : files.bin);
          let r;
          try {
            r = readFeatureArrays(dir, "fz");
          } catch (err) {
            expect((err as Error).message).toMatch(/fz\.(json|bin)/);
            return;
          }
          expect(Array.from(r.arrays.ids!)).toEqual(Array.from(arrays.ids));
          expect(Array.from(r.arrays.w!)).toEqual(Array.from(arrays.w));
          expect(r.meta).toEqual({ rows: 8 });
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });
});
