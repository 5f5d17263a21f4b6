import { describe, expect, it } from "vitest";
import { labelConflictRows, labelCoverage, labelCoverageRows } from "../../lib/label/label-coverage.js";
import type { RuleLabel } from "../../lib/label/rule-labeler.js";

const normal: RuleLabel = { class: "normal", fired: [], ruleIds: [], conflict: false };
const sec: RuleLabel = { class: "security", fired: ["security"], ruleIds: ["s"], conflict: false };
const conflict: RuleLabel = { class: "network", fired: ["network", "performance"], ruleIds: ["n", "p"], conflict: true };
const fallback: RuleLabel = { class: "system_failure", fired: ["system_failure"], ruleIds: ["f"], conflict: false };

describe("labelCoverage", () => {
  it("counts covered lines and templates, conflicts and fallback-only lines", () => {
    const c = labelCoverage("X", "line", [normal, sec, conflict, normal, fallback], ["t1", "t2", "t3", "t1", "t1"], new Set(["f"]));
    expect(c.lines).toBe(5);
    expect(c.templates).toBe(3);
    expect(c.coveredLines).toBe(3);
    expect(c.lineCoverage).toBeCloseTo(0.6);
    expect(c.coveredTemplates).toBe(3);
    expect(c.conflictLines).toBe(1);
    expect(c.conflictTemplates).toBe(1);
    expect(c.fallbackLines).toBe(1);
    expect(c.perClass).toEqual({ normal: 2, security: 1, system_failure: 1, performance: 0, network: 1, config: 0, hardware: 0 });
    const row = labelCoverageRows([c])[0]!;
    expect(row["line coverage"]).toBeCloseTo(0.6);
    expect(row.network).toBe(1);
  });
  it("lists conflicting class combinations with an example", () => {
    const rows = labelConflictRows("X", [conflict, normal, conflict], ["a", "b", "c"]);
    expect(rows).toEqual([{ system: "X", classes: "network + performance", lines: 2, resolvedAs: "network", rules: "n, p", example: "a" }]);
  });
  it("rejects mismatched inputs", () => {
    expect(() => labelCoverage("X", "line", [normal], [])).toThrow(/1 labels but 0 template ids/);
  });
});
