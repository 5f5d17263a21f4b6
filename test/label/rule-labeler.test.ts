import { describe, expect, it } from "vitest";
import { DEFAULT_LABEL_RULES, type LabelRuleSet } from "../../lib/label/label-rules.js";
import { maskTemplateParams, RuleLabeler, rulesForSystem, validateLabelRules } from "../../lib/label/rule-labeler.js";

const tiny: LabelRuleSet = {
  format: "loglab.label-rules",
  version: 1,
  priority: ["security", "hardware", "network", "performance", "config", "system_failure"],
  rules: [
    { id: "sf.generic", class: "system_failure", keywords: ["error", "failed"], fallback: true },
    { id: "net.refused", class: "network", keywords: ["connection refused"] },
    { id: "perf.timeout", class: "performance", keywords: ["timed out"] },
    { id: "sec.password", class: "security", keywords: ["failed password"], unless: ["test account"] },
  ],
  systems: {
    Demo: { add: [{ id: "demo.hw", class: "hardware", patterns: ["fan\\d+ stopped"] }], disable: ["perf.timeout"] },
  },
};

describe("RuleLabeler", () => {
  it("labels lines with the default table on real LogHub messages", () => {
    const ssh = new RuleLabeler("OpenSSH");
    expect(ssh.label("Failed password for root from 183.62.140.253 port 58244 ssh2").class).toBe("security");
    expect(ssh.label("reverse mapping checking getaddrinfo for ns.example.com [1.2.3.4] failed - POSSIBLE BREAK-IN ATTEMPT!").class).toBe("security");
    expect(ssh.label("Accepted password for fztu from 119.137.62.142 port 49116 ssh2").class).toBe("normal");
    const bgl = new RuleLabeler("BGL");
    expect(bgl.label("instruction cache parity error corrected").class).toBe("hardware");
    expect(bgl.label("data TLB error interrupt").class).toBe("system_failure");
    expect(bgl.label("ciod: Error reading message prefix on CioStream socket to 172.16.96.116:55571, Link has been severed").class).toBe("network");
    expect(new RuleLabeler("HDFS").label("PacketResponder 1 for block blk_38865049064139660 terminating").class).toBe("normal");
    expect(new RuleLabeler("Spark").label("mapred.job.id is deprecated. Instead, use mapreduce.job.id").class).toBe("config");
    expect(new RuleLabeler("HPC").label("Temperature (41C) exceeds warning threshold").class).toBe("hardware");
    expect(new RuleLabeler("Hadoop").label("Slow ReadProcessor read fields took 65543ms (threshold=30000ms)").class).toBe("performance");
  });

  it("resolves conflicts by priority or by first match, and reports them", () => {
    const line = "Error: connection refused after request timed out";
    const byPriority = new RuleLabeler(null, tiny).label(line);
    expect(byPriority.fired).toEqual(["network", "performance"]);
    expect(byPriority.class).toBe("network");
    expect(byPriority.conflict).toBe(true);
    // first-match: table order (perf.timeout comes after net.refused here, so reorder via a system rule)
    const firstMatch = new RuleLabeler(null, { ...tiny, rules: [tiny.rules[2]!, tiny.rules[1]!, tiny.rules[0]!, tiny.rules[3]!] }, { resolution: "first-match" }).label(line);
    expect(firstMatch.class).toBe("performance");
    expect(firstMatch.conflict).toBe(true);
  });

  it("uses fallback rules only when no ordinary rule fires, never as a conflict", () => {
    const l = new RuleLabeler(null, tiny);
    expect(l.label("disk write error").class).toBe("system_failure");
    expect(l.label("disk write error").conflict).toBe(false);
    const both = l.label("failed: connection refused");
    expect(both.class).toBe("network");
    expect(both.conflict).toBe(false);
    expect(both.ruleIds).toEqual(["sf.generic", "net.refused"]);
  });

  it("applies unless vetoes, word boundaries and case-insensitivity", () => {
    const l = new RuleLabeler(null, tiny);
    expect(l.label("FAILED PASSWORD for bob").class).toBe("security");
    expect(l.label("failed password for test account").class).toBe("system_failure");
    expect(l.label("terrors everywhere").class).toBe("normal"); // "error" inside a word does not fire
  });

  it("adds and disables rules per system", () => {
    expect(rulesForSystem(tiny, "Demo").map((r) => r.id)).toEqual(["demo.hw", "sf.generic", "net.refused", "sec.password"]);
    const demo = new RuleLabeler("Demo", tiny);
    expect(demo.label("fan3 stopped").class).toBe("hardware");
    expect(demo.label("request timed out").class).toBe("normal");
    expect(new RuleLabeler("Other", tiny).label("fan3 stopped").class).toBe("normal");
  });

  it("masks template parameters so they never fire", () => {
    expect(maskTemplateParams("Failed <*> for <:IP:>")).toBe("Failed   for  ");
    expect(new RuleLabeler(null, tiny).labelTemplate("session <*> closed").class).toBe("normal");
    expect(new RuleLabeler(null, tiny).labelTemplate("Failed password for <*>").class).toBe("security");
  });

  it("validates rule tables, naming the problem", () => {
    expect(() => validateLabelRules(DEFAULT_LABEL_RULES)).not.toThrow();
    expect(() => validateLabelRules({ ...tiny, rules: [...tiny.rules, { id: "net.refused", class: "network", keywords: ["x"] }] })).toThrow(/duplicate rule id "net.refused"/);
    expect(() => validateLabelRules({ ...tiny, rules: [{ id: "bad", class: "network", patterns: ["(unclosed"] }] })).toThrow(/label rule bad: .*not a valid regular expression/);
    expect(() => validateLabelRules({ ...tiny, priority: ["security"] })).toThrow(/priority must list each/);
    expect(() => validateLabelRules({ ...tiny, systems: { X: { disable: ["nope"] } } })).toThrow(/disables unknown rule "nope"/);
    expect(() => validateLabelRules({ ...tiny, rules: [{ id: "empty", class: "config" }] })).toThrow(/needs keywords or patterns/);
  });
});
