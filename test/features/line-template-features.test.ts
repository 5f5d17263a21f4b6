import { describe, expect, it } from "vitest";
import { LineTemplateFeatures, lineTextStatistics, TEXT_STATISTIC_NAMES } from "../../lib/features/line-template-features.js";

const train = [
  "PacketResponder 1 for block blk_38865 terminating",
  "PacketResponder 2 for block blk_12 terminating",
  "PacketResponder 0 for block blk_77 terminating",
  "Failed password for root from 10.0.0.1 port 22 ssh2",
  "Failed password for admin from 10.0.0.2 port 4022 ssh2",
];

describe("lineTextStatistics", () => {
  it("computes the statistics by hand", () => {
    const s = lineTextStatistics("Ab 12 x-y");
    expect(s).toHaveLength(TEXT_STATISTIC_NAMES.length);
    expect(s[0]).toBeCloseTo(Math.log1p(9));
    expect(s[1]).toBeCloseTo(Math.log1p(3)); // tokens
    expect(s[2]).toBeCloseTo(Math.log1p(3)); // words Ab, x, y
    expect(s[3]).toBeCloseTo(Math.log1p(1)); // numbers
    expect(s[4]).toBeCloseTo(Math.log1p(1)); // "-"
    expect(s[5]).toBeCloseTo(1 / 4); // upper-case share of letters
    expect(s[6]).toBeCloseTo(2 / 9);
    expect(s[7]).toBeCloseTo(Math.log1p(3));
  });
});

describe("LineTemplateFeatures", () => {
  const f = LineTemplateFeatures.fit(train, { hashBuckets: 8 });
  it("finds the training template of a new line with other parameters", () => {
    const m = f.match("PacketResponder 5 for block blk_999 terminating");
    expect(m.seen).toBe(true);
    expect(f.templateCount).toBe(2);
    const u = f.match("Something else entirely happened 42");
    expect(u.seen).toBe(false);
  });
  it("writes shape features, the seen flag, the training count and one hashed bucket", () => {
    const { x, dim } = f.transform(["PacketResponder 5 for block blk_999 terminating", "never seen before 7"]);
    expect(dim).toBe(15);
    expect(f.names).toHaveLength(15);
    expect(x[5]).toBe(1);
    expect(x[6]).toBeCloseTo(Math.log1p(3));
    expect(Array.from(x.subarray(7, 15)).reduce((a, b) => a + b, 0)).toBe(1);
    expect(x[dim + 5]).toBe(0);
    expect(Array.from(x.subarray(dim + 7, 2 * dim)).every((v) => v === 0)).toBe(true);
    expect(x[dim + 3]).toBeCloseTo(Math.log1p(1));
  });
  it("round-trips through JSON and names the source of a bad file", () => {
    const back = LineTemplateFeatures.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
    const a = f.transform(train);
    expect(Array.from(back.transform(train).x)).toEqual(Array.from(a.x));
    expect(() => LineTemplateFeatures.fromJSON({ format: "x" }, "m/templates.json")).toThrow(/m\/templates\.json: not loglab\.line-template-features v1/);
  });
});
