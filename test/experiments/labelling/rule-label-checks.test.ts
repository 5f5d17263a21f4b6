import { describe, expect, it } from "vitest";
import { readAlertLabels } from "../../../lib/label/alert-labels.js";
import { labelLoghubSystem } from "../../../lib/experiments/labelling/loghub-labels.js";
import { ruleLabelsOnSynthetic, ruleLabelsVsAlertColumn } from "../../../lib/experiments/labelling/rule-label-checks.js";
import { loghubLogPath } from "../../../lib/data/loghub-2k.js";
import { Rng } from "../../../lib/runtime/rng.js";

describe("rule label checks", () => {
  it("lines BGL's alert categories up with rule classes", async () => {
    const check = ruleLabelsVsAlertColumn(labelLoghubSystem("BGL"), await readAlertLabels(loghubLogPath("BGL")));
    expect(check.alerts).toBe(143);
    expect(check.normals).toBe(1857);
    expect(check.alertsCovered).toBe(1); // every BGL 2k alert line gets a non-normal class
    const dtlb = check.agreement.rows.find((r) => r.expected === "KERNDTLB")!;
    expect(check.agreement.expectedName).toBe("alert category");
    expect(dtlb.system_failure).toBe(60);
  });
  it("checks the rules against the synthetic generator's classes, deterministically", () => {
    const a = ruleLabelsOnSynthetic(new Rng(3), { formats: ["syslog", "custom"], lines: 500, anomalyRatio: 0.1 });
    const b = ruleLabelsOnSynthetic(new Rng(3), { formats: ["syslog", "custom"], lines: 500, anomalyRatio: 0.1 });
    expect(a).toEqual(b);
    expect(a.summary.map((r) => r.format)).toEqual(["syslog", "custom"]);
    expect(a.agreement.accuracy).toBeGreaterThan(0.99);
  });
});
