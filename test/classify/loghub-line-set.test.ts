import { describe, expect, it } from "vitest";
import { buildLoghubLineSet } from "../../lib/classify/loghub-line-set.js";
import { labelLoghubSystem } from "../../lib/experiments/labelling/loghub-labels.js";

describe("buildLoghubLineSet", () => {
  it("labels every shipped line with notebook 02's rule class and gives it the analyzer's template", () => {
    const set = buildLoghubLineSet({ systems: ["OpenSSH", "Zookeeper"], maxLinesPerSystem: 150 });
    expect(set.samples).toHaveLength(300);
    expect(set.rejected).toEqual([]);
    const labels = new Map(labelLoghubSystem("OpenSSH").rows.map((r) => [r.lineId, r.classIndex]));
    for (const s of set.samples.filter((x) => x.system === "OpenSSH")) expect(s.classIndex).toBe(labels.get(s.lineId));
    expect(set.analyzer.types.sort()).toEqual(["OpenSSH", "Zookeeper"]);
    const again = set.analyzer.analyze(set.samples.slice(0, 20).map((s) => s.raw), { format: "OpenSSH" });
    expect(again.map((a) => a.template)).toEqual(set.samples.slice(0, 20).map((s) => s.template));
  });
});
