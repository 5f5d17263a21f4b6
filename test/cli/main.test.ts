import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CliError, flagValue, parseArgs } from "../../lib/cli/cli-error.js";

describe("parseArgs", () => {
  it("parses values, booleans and multi-valued flags", () => {
    const a = parseArgs(["train", "--normal", "f1", "--input", "a", "b", "--quiet", "--out=d"], { values: ["normal", "input", "out"], booleans: ["quiet"], multi: ["input"] });
    expect(a.positionals).toEqual(["train"]);
    expect(a.flags.get("input")).toEqual(["a", "b"]);
    expect(flagValue(a, "out")).toBe("d");
    expect(flagValue(a, "quiet")).toBe("true");
  });
  it("rejects unknown flags and missing values as usage errors", () => {
    expect(() => parseArgs(["--bogus", "x"], { values: ["out"] })).toThrow(/unknown option --bogus/);
    try {
      parseArgs(["--out"], { values: ["out"] });
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(2);
    }
  });
});

describe("loglab binary", () => {
  it("prints help and exits 2 without a command; names an unknown command", () => {
    const r = spawnSync("node", ["bin/loglab.mjs"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("usage: loglab <command>");
    const u = spawnSync("node", ["bin/loglab.mjs", "frobnicate"], { encoding: "utf8" });
    expect(u.status).toBe(2);
    expect(u.stderr).toContain('unknown command "frobnicate"');
    expect(execFileSync("node", ["bin/loglab.mjs", "--help"], { encoding: "utf8" })).toContain("commands:");
  }, 30_000);
});
