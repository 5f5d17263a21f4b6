import { describe, expect, it } from "vitest";
import { templateF1 } from "../../lib/eval/fta.js";
import { parsingMetrics } from "../../lib/eval/parsing-metrics.js";

describe("templateF1 (Loghub-2.0's FTA)", () => {
  it("counts predicted templates whose lines all carry that exact truth (worked by hand)", () => {
    const truth = ["a <*>", "a <*>", "b", "b", "c"];
    const pred = ["a <*>", "a <*>", "b", "x", "c <*>"];
    // "a <*>" covers lines 1–2, truth {"a <*>"} → correct; "b" covers line 3, truth {"b"} → correct;
    // "x" (truth b) and "c <*>" (truth c) are wrong. PTA = 2/4, RTA = 2/3 → FTA = 4/7.
    const t = templateF1(truth, pred);
    expect(t.correctTemplates).toBe(2);
    expect(t.precision).toBe(0.5);
    expect(t.recall).toBeCloseTo(2 / 3, 12);
    expect(t.fta).toBeCloseTo(4 / 7, 12);
  });

  it("parsingMetrics reports all four on the same input", () => {
    const m = parsingMetrics(["a <*>", "a <*>", "b", "b", "c"], ["a <*>", "a <*>", "b", "x", "c <*>"]);
    // GA: group "a <*>" exact (2 lines); b split; c → label "c <*>" alone and exact (1 line) → 3/5.
    expect(m.ga).toBe(0.6);
    expect(m.pa).toBe(0.6);
    expect(m.fta).toBeCloseTo(4 / 7, 12);
    // FGA: correct groups a, c = 2; predicted 4, truth 3 → P = 1/2, R = 2/3 → 4/7.
    expect(m.fga).toBeCloseTo(4 / 7, 12);
  });
});
