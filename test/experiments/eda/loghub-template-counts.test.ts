import { describe, expect, it } from "vitest";
import { frequentRareRows, loghubTemplateCounts } from "../../../lib/experiments/eda/loghub-template-counts.js";

describe("LogHub template counts", () => {
  it("counts ground-truth templates per system and splits frequent from rare", () => {
    const c = loghubTemplateCounts(["HDFS", "Mac"]);
    expect(c.map((s) => s.counts.length)).toEqual([14, 341]);
    expect(c[0]!.counts.reduce((a, t) => a + t.count, 0)).toBe(2000);
    const rows = frequentRareRows(c, 10);
    expect(rows[1]!.templates).toBe(341);
    expect(rows[1]!.frequent + rows[1]!.rare).toBe(341);
    expect(rows[1]!.threshold).toBe(10);
  });
});
