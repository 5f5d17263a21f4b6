import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFiles, runCli } from "./cli-helpers.js";

describe("loglab evaluate", () => {
  const f = keyFiles();
  it("reports P/R/F1, FP, FN over all and distinct sessions, as text and JSON", async () => {
    const model = join(f.dir, "lr");
    expect((await runCli(["train", "logistic-regression", "--normal", f.normal, "--abnormal", f.abnormal, "--params", '{"termWeighting": "none"}', "--out", model])).code).toBe(0);
    const json = join(f.dir, "eval.json");
    const r = await runCli(["evaluate", "--model", model, "--normal", f.testNormal, "--abnormal", f.testAbnormal, "--json", json]);
    expect(r.code).toBe(0);
    const count = (p: string) => readFileSync(p, "utf8").trim().split("\n").length;
    const [n, a] = [count(f.testNormal), count(f.testAbnormal)];
    expect(r.out).toContain(`| all sessions | ${n + a} | ${n} | ${a} |`);
    expect(r.out).toMatch(/distinct sessions/);
    const rep = JSON.parse(readFileSync(json, "utf8"));
    expect(rep.report.all.sessions).toBe(n + a);
    expect(rep.report.all.tp + rep.report.all.fn).toBe(a);
    expect(rep.report.distinct.sessions).toBeLessThanOrEqual(n + a);
    expect(rep.report.all.f1).toBeGreaterThan(0.9);
  });
  it("requires both labelled files", async () => {
    const r = await runCli(["evaluate", "--model", f.dir, "--normal", f.testNormal]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--abnormal is required/);
  });
  it("--json never replaces a file it did not write", async () => {
    const model = join(f.dir, "lr2");
    expect((await runCli(["train", "pca", "--normal", f.normal, "--out", model])).code).toBe(0);
    const mine = join(f.dir, "mine.json");
    writeFileSync(mine, "{}");
    const r = await runCli(["evaluate", "--model", model, "--normal", f.testNormal, "--abnormal", f.testAbnormal, "--json", mine]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--json .*mine\.json already exists and was not written by `loglab evaluate`/);
    expect(readFileSync(mine, "utf8")).toBe("{}");
  });
});
