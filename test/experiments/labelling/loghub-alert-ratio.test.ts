import { describe, expect, it } from "vitest";
import { loghubAlertRatioBy } from "../../../lib/experiments/labelling/loghub-alert-ratio.js";

describe("loghubAlertRatioBy", () => {
  it("gives BGL's alert share per component from the structured CSV's Label column", () => {
    const rows = loghubAlertRatioBy("BGL", "Component", { top: 3 });
    expect(rows).toHaveLength(4);
    expect(rows.reduce((a, r) => a + r.lines, 0)).toBe(2000);
    for (const r of rows) expect(r.ratio).toBeCloseTo(r.anomalies / r.lines, 12);
    expect(() => loghubAlertRatioBy("BGL", "Nope")).toThrow(/BGL has no "Nope" field/);
  });
});
