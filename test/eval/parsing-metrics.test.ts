import { describe, expect, it } from "vitest";
import { parsingMetrics } from "../../lib/eval/parsing-metrics.js";

describe("parsingMetrics", () => {
  it("GA, PA, FGA and FTA of one parse, by hand", () => {
    // Truth A A B C; predicted A A y y: group A exact, B and C merged into one predicted group.
    const m = parsingMetrics(["a <*>", "a <*>", "b", "c"], ["a <*>", "a <*>", "b <*>", "b <*>"]);
    expect(m.ga).toBe(0.5); // lines 1–2 grouped right
    expect(m.pa).toBe(0.5); // lines 1–2 have the exact template
    // One correct group of 2 predicted and 3 true: 2·(1/2·1/3)/(1/2 + 1/3) = 0.4.
    expect(m.fga).toBeCloseTo(0.4, 12);
    expect(m.fta).toBeCloseTo(0.4, 12);
    expect(m.truthTemplates).toBe(3);
    expect(m.predictedTemplates).toBe(2);
  });

  it("a group that is right but whose text is wrong counts for GA and FGA, not for PA and FTA", () => {
    const m = parsingMetrics(["a <*>", "a <*>", "b", "c"], ["a <*>", "a <*>", "B", "c"]);
    expect(m.ga).toBe(1);
    expect(m.fga).toBe(1);
    expect(m.pa).toBe(0.75);
    expect(m.fta).toBeCloseTo(2 / 3, 12); // 2 of 3 predicted templates right, 2 of 3 true ones found
    expect([m.truthTemplates, m.predictedTemplates]).toEqual([3, 3]);
  });

  it("a perfect parse scores 1 everywhere", () => {
    const t = ["x <*>", "y", "x <*>"];
    expect(parsingMetrics(t, t)).toEqual({ ga: 1, pa: 1, fga: 1, fta: 1, truthTemplates: 2, predictedTemplates: 2 });
  });

  it("needs one prediction per line", () => {
    expect(() => parsingMetrics(["a", "b"], ["a"])).toThrow(/2 .* 1|1 .* 2/);
  });
});
