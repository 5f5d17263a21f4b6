import { describe, expect, it } from "vitest";
import { accessLabelsCsv, generateAccessLog, WEB_ATTACK_TYPES } from "../../lib/data/synthetic-access.js";
import { parseAccessLines } from "../../lib/features/http-requests.js";
import { Rng } from "../../lib/runtime/rng.js";

describe("generateAccessLog", () => {
  it("writes exactly round(ratio × lines) attack lines, in time order, every one a parseable request", () => {
    const lines = generateAccessLog(new Rng(1), { format: "access-combined", lines: 3000, anomalyRatio: 0.1 });
    expect(lines).toHaveLength(3000);
    expect(lines.filter((l) => l.label === 1)).toHaveLength(300);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.timestamp).toBeGreaterThanOrEqual(lines[i - 1]!.timestamp);
    const parsed = parseAccessLines(lines.map((l) => l.text), "x.log");
    expect(parsed.rejected).toEqual([]);
    expect(parsed.requests.every((r, i) => r.client === lines[i]!.client && r.userAgent !== null)).toBe(true);
    expect(new Set(lines.map((l) => l.attackType).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
  });
  it("is deterministic per seed; common format has no referer or agent", () => {
    const a = generateAccessLog(new Rng(5), { format: "access-common", lines: 400, anomalyRatio: 0.2, attackTypes: ["sql_injection"] });
    const b = generateAccessLog(new Rng(5), { format: "access-common", lines: 400, anomalyRatio: 0.2, attackTypes: ["sql_injection"] });
    expect(a.map((l) => l.text)).toEqual(b.map((l) => l.text));
    expect(new Set(a.map((l) => l.attackType))).toEqual(new Set([null, "sql_injection"]));
    const r = parseAccessLines(a.map((l) => l.text), "c.log").requests;
    expect(r.every((q) => q.userAgent === null)).toBe(true);
    expect(accessLabelsCsv(a).split("\n")[0]).toBe("LineId,Label,AnomalyType,Client,Timestamp");
  });
  it("rejects unknown attack types and bad ratios", () => {
    expect(() => generateAccessLog(new Rng(1), { format: "access-common", lines: 10, anomalyRatio: 2 })).toThrow(/anomalyRatio/);
    expect(() => generateAccessLog(new Rng(1), { format: "access-common", lines: 10, anomalyRatio: 0.1, attackTypes: ["nope" as (typeof WEB_ATTACK_TYPES)[number]] })).toThrow(/unknown attack type/);
  });
});
