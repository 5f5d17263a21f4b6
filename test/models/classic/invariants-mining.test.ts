import { describe, expect, it } from "vitest";
import { InvariantsMining } from "../../../lib/models/classic/invariants-mining.js";

describe("InvariantsMining", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("Invariants Mining finds count(a) − count(b) = 0 and a never-seen column", () => {
    const rows = Array.from({ length: 50 }, (_, i) => [1 + (i % 3), 1 + (i % 3), i % 5, 0]);
    const im = new InvariantsMining();
    im.fit(rows);
    expect(im.invariants).toContainEqual({ columns: [3], theta: [1] });
    expect(im.invariants.some((v) => v.columns.join() === "0,1" && Math.abs(v.theta[0]!) === Math.abs(v.theta[1]!) && v.theta[0] === -v.theta[1]!)).toBe(true);
    expect(Array.from(im.score([[2, 2, 4, 0], [2, 1, 0, 0], [1, 1, 0, 3]]))).toEqual([0, 1, 3]);
  });

  // Rows (k, k) for k = 1…9 and one (1, 5): a = b holds on 90% of them.
  const rows = [...Array.from({ length: 9 }, (_, k) => [k + 1, k + 1]), [1, 5]];

  it("an invariant must hold on `percentage` of the rows: 0.9 finds a = b here, 0.98 finds nothing", () => {
    const loose = new InvariantsMining({ percentage: 0.9 });
    loose.fit(rows);
    expect(loose.estimatedDimension).toBe(1);
    expect(loose.invariants).toHaveLength(1);
    expect(loose.invariants[0]!.columns).toEqual([0, 1]);
    expect(Math.abs(loose.invariants[0]!.theta[0]!)).toBe(1);
    expect(loose.invariants[0]!.theta[1]).toBe(-loose.invariants[0]!.theta[0]!);
    expect(Array.from(loose.score([[2, 5], [4, 4]]))).toEqual([3, 0]);
    const strict = new InvariantsMining({ percentage: 0.98 });
    strict.fit(rows);
    expect(strict.estimatedDimension).toBe(0);
    expect(strict.invariants).toEqual([]);
    expect(Array.from(strict.score([[2, 5]]))).toEqual([0]);
  });

  it("JSON round trip keeps the invariants and the scores; the intrinsic threshold flags any violation", () => {
    const im = new InvariantsMining({ percentage: 0.9 });
    im.fit(rows);
    const back = InvariantsMining.fromJSON(JSON.parse(JSON.stringify(im.toJSON())));
    expect(back.invariants).toEqual(im.invariants);
    expect(back.score([[3, 1]])).toEqual(im.score([[3, 1]]));
    expect(im.intrinsicThreshold).toBe(1e-6);
    expect(im.candidatesChecked).toBeGreaterThan(0);
  });

  it("checks its options, refuses to score before fit or rows of another width", () => {
    expect(() => new InvariantsMining({ percentage: 0 })).toThrow("invariants mining: percentage must be in (0, 1], got 0");
    expect(() => new InvariantsMining({ longestInvariant: 0 })).toThrow("invariants mining: longestInvariant must be an integer >= 1");
    expect(() => new InvariantsMining().score([[1]])).toThrow("InvariantsMining: not fitted");
    const im = new InvariantsMining();
    im.fit(rows);
    expect(() => im.score([[1, 2, 3]])).toThrow("InvariantsMining.score: rows have 3 columns, the model was fit on 2");
  });
});
