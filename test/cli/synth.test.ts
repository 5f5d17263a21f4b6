import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, usage } from "../../lib/cli/synth.js";
import { CliError } from "../../lib/cli/cli-error.js";

const dir = mkdtempSync(join(tmpdir(), "synth-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loglab synth", () => {
  it("writes the same bytes for the same seed", async () => {
    const a = join(dir, "a.log");
    const b = join(dir, "b.log");
    expect(await run(["--out", a, "--lines", "200", "--anomaly-ratio", "0.1", "--seed", "7", "--format", "apache"])).toBe(0);
    expect(await run(["--out", b, "--lines", "200", "--anomaly-ratio", "0.1", "--seed", "7", "--format", "apache"])).toBe(0);
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
    expect(readFileSync(`${a}.labels.csv`, "utf8").trim().split("\n").filter((l) => /^\d+,1,/.test(l)).length).toBe(20);
  });
  it("writes an access log with web attack types (combined format) and refuses error-log types for it", async () => {
    const a = join(dir, "access.log");
    expect(await run(["--out", a, "--format", "access-combined", "--lines", "500", "--anomaly-ratio", "0.1", "--types", "sql_injection,scanning"])).toBe(0);
    const labels = readFileSync(`${a}.labels.csv`, "utf8").trim().split("\n");
    expect(labels[0]).toBe("LineId,Label,AnomalyType,Client,Timestamp");
    expect(labels.filter((l) => /^\d+,1,/.test(l))).toHaveLength(50);
    expect(new Set(labels.slice(1).map((l) => l.split(",")[2]).filter(Boolean))).toEqual(new Set(["sql_injection", "scanning"]));
    expect(readFileSync(a, "utf8").split("\n")[0]).toMatch(/^\S+ - \S+ \[\d{2}\/\w{3}\/\d{4}:[\d:]+ \+0000\] "\w+ \S+ HTTP\/1\.1" \d{3} \d+ ".*" ".*"$/);
    await expect(run(["--out", join(dir, "y"), "--format", "access-common", "--types", "malware"])).rejects.toThrow(/unknown type\(s\) malware .*known for access-common: sql_injection/);
  });
  it("rejects bad options as usage errors naming the option", async () => {
    await expect(run(["--lines", "5"])).rejects.toThrow(/--out is required/);
    await expect(run(["--out", join(dir, "x"), "--types", "brute_force,nope"])).rejects.toThrow(/unknown type\(s\) nope/);
    await expect(run(["--out", join(dir, "x"), "--anomaly-ratio", "1.5"])).rejects.toThrow(CliError);
    await expect(run(["--out", join(dir, "x"), "--format", "json"])).rejects.toThrow(/--format must be one of/);
    expect(usage).toContain("--anomaly-ratio");
  });
  it("runs through the loglab binary", () => {
    const out = join(dir, "bin.log");
    const r = spawnSync("node", ["bin/loglab.mjs", "synth", "--out", out, "--lines", "50", "--types", "malware,brute_force"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wrote .*bin\.log \(50 syslog lines, 3 anomalies/);
    const help = spawnSync("node", ["bin/loglab.mjs", "synth", "--help"], { encoding: "utf8" });
    expect(help.stdout).toContain("usage: loglab synth");
  }, 30_000);
  // Issue 10, case 6: `--lines 3 --mean-gap-ms 1e300` wrote "undefined NaN NaN:NaN:NaN" lines, then failed.
  it("refuses timestamps beyond the calendar before writing anything", async () => {
    const out = join(dir, "gap.log");
    await expect(run(["--out", out, "--lines", "3", "--mean-gap-ms", "1e300"])).rejects.toThrow(/timestamps would leave the calendar: line 2 would be .*; lower --mean-gap-ms/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.labels.csv`)).toBe(false);
  });
  it("never replaces a file it did not write; replaces its own earlier output with --force", async () => {
    const mine = join(dir, "mine.log");
    writeFileSync(mine, "precious\n");
    await expect(run(["--out", mine, "--lines", "5"])).rejects.toThrow(/--out .*mine\.log already exists and was not written by `loglab synth`/);
    expect(readFileSync(mine, "utf8")).toBe("precious\n");
    const labels = join(dir, "lab.log.labels.csv");
    writeFileSync(labels, "x\n");
    await expect(run(["--out", join(dir, "lab.log"), "--lines", "5"])).rejects.toThrow(/lab\.log\.labels\.csv already exists and was not written by `loglab synth`/);
    const own = join(dir, "own.log");
    expect(await run(["--out", own, "--lines", "5"])).toBe(0);
    expect(JSON.parse(readFileSync(`${own}.manifest.json`, "utf8")).outputs).toEqual(["own.log", "own.log.labels.csv"]);
    await expect(run(["--out", own, "--lines", "5"])).rejects.toThrow(/add --force/);
    expect(await run(["--out", own, "--lines", "7", "--force"])).toBe(0);
    expect(readFileSync(own, "utf8").trim().split("\n")).toHaveLength(7);
  });
});
