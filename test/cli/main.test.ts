import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

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
