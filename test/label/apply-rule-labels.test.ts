import { describe, expect, it } from "vitest";
import { applyRuleLabels } from "../../lib/label/apply-rule-labels.js";
import { RuleLabeler } from "../../lib/label/rule-labeler.js";

describe("applyRuleLabels", () => {
  const lines = [
    { content: "Failed password for root from 1.2.3.4 port 22 ssh2", template: "Failed password for <*> from <*> port <*> ssh2" },
    { content: "Received block blk_1 of size 67108864 from /10.0.0.1", template: "Received block <*> of size <*> from /<*>" },
    { content: "Received block error_log of size 0 from /10.0.0.1", template: "Received block <*> of size <*> from /<*>" },
  ];
  it("labels by line: a parameter value can fire a rule", () => {
    const l = applyRuleLabels(lines, new RuleLabeler(null), "line");
    expect(l.map((x) => x.class)).toEqual(["security", "normal", "normal"]);
    const withWord = applyRuleLabels([{ content: "upload failed for file x" }], new RuleLabeler(null), "line");
    expect(withWord[0]!.class).toBe("system_failure");
  });
  it("labels by template: every line of a template gets the same label", () => {
    const l = applyRuleLabels(lines, new RuleLabeler(null), "template");
    expect(l.map((x) => x.class)).toEqual(["security", "normal", "normal"]);
    expect(l[1]).toBe(l[2]);
  });
  it("needs templates to label by template", () => {
    expect(() => applyRuleLabels([{ content: "x" }], new RuleLabeler(null), "template")).toThrow(/line 1 has no template/);
  });
});
