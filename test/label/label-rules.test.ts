import { describe, expect, it } from "vitest";
import { LOGHUB_SYSTEMS } from "../../lib/parse/formats/loghub-presets.js";
import { DEFAULT_LABEL_RULES, labelRuleRows, type LabelRule, type LabelRuleSet } from "../../lib/label/label-rules.js";
import { LOG_CLASSES } from "../../lib/label/log-classes.js";

const ISSUE_CLASSES = LOG_CLASSES.filter((c) => c !== "normal");
const allRules = (set: LabelRuleSet): LabelRule[] => [...set.rules, ...Object.values(set.systems).flatMap((o) => [...(o.add ?? [])])];

describe("DEFAULT_LABEL_RULES (data checks)", () => {
  it("is a versioned table whose priority orders the six issue classes, security first, system_failure last", () => {
    expect(DEFAULT_LABEL_RULES.format).toBe("loglab.label-rules");
    expect(DEFAULT_LABEL_RULES.version).toBe(1);
    expect([...DEFAULT_LABEL_RULES.priority].sort()).toEqual([...ISSUE_CLASSES].sort());
    expect(DEFAULT_LABEL_RULES.priority[0]).toBe("security");
    expect(DEFAULT_LABEL_RULES.priority[5]).toBe("system_failure");
  });

  it("every rule has a unique id, an issue class, and something to match", () => {
    const rules = allRules(DEFAULT_LABEL_RULES);
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(ISSUE_CLASSES, r.id).toContain(r.class);
      expect((r.keywords?.length ?? 0) + (r.patterns?.length ?? 0), r.id).toBeGreaterThan(0);
    }
    // Common rules are named <class>.<topic>.
    for (const r of DEFAULT_LABEL_RULES.rules) expect(r.id.startsWith(`${r.class}.`), r.id).toBe(true);
  });

  it("every pattern and veto compiles as a case-insensitive regular expression; keywords are lower-case", () => {
    for (const r of allRules(DEFAULT_LABEL_RULES)) {
      for (const p of [...(r.patterns ?? []), ...(r.unless ?? [])]) expect(() => new RegExp(p, "i"), `${r.id}: ${p}`).not.toThrow();
      for (const k of r.keywords ?? []) expect(k, r.id).toBe(k.toLowerCase());
    }
  });

  it("only the generic failure words are a fallback", () => {
    expect(allRules(DEFAULT_LABEL_RULES).filter((r) => r.fallback).map((r) => r.id)).toEqual(["system_failure.error"]);
  });

  it("per-system overrides name real rules and LogHub systems", () => {
    const ids = new Set(DEFAULT_LABEL_RULES.rules.map((r) => r.id));
    for (const [system, o] of Object.entries(DEFAULT_LABEL_RULES.systems)) {
      expect(LOGHUB_SYSTEMS as readonly string[]).toContain(system);
      for (const d of o.disable ?? []) expect(ids.has(d), `${system} disables ${d}`).toBe(true);
    }
  });
});

describe("labelRuleRows", () => {
  it("one row per rule with counts, scope, fallback and the first four keywords (or patterns) as example", () => {
    const set: LabelRuleSet = {
      format: "loglab.label-rules",
      version: 1,
      priority: ["security", "network"],
      rules: [
        { id: "security.a", class: "security", keywords: ["k1", "k2", "k3", "k4", "k5"], unless: ["ok"], note: "n" },
        { id: "network.b", class: "network", patterns: ["p1"], systems: ["HDFS", "BGL"], fallback: true },
      ],
      systems: { BGL: { add: [{ id: "bgl.c", class: "hardware", keywords: ["x"] }], disable: ["security.a"] } },
    };
    expect(labelRuleRows(set)).toEqual([
      { id: "security.a", class: "security", scope: "all systems", keywords: 5, patterns: 0, unless: 1, fallback: false, example: "k1 | k2 | k3 | k4", note: "n" },
      { id: "network.b", class: "network", scope: "HDFS, BGL", keywords: 0, patterns: 1, unless: 0, fallback: true, example: "p1", note: "" },
      { id: "bgl.c", class: "hardware", scope: "BGL only", keywords: 1, patterns: 0, unless: 0, fallback: false, example: "x", note: "" },
      { id: "security.a", class: "", scope: "disabled for BGL", keywords: 0, patterns: 0, unless: 0, fallback: false, example: "", note: "" },
    ]);
  });

  it("the default table gives a row per common rule plus one per system rule", () => {
    const rows = labelRuleRows(DEFAULT_LABEL_RULES);
    expect(rows).toHaveLength(allRules(DEFAULT_LABEL_RULES).length);
    expect(rows.filter((r) => String(r.scope).endsWith(" only")).map((r) => r.id)).toEqual(["bgl.ciod-stream", "hpc.state-unavailable", "proxifier.connect-error"]);
  });
});
