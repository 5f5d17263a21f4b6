import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("fetch-datasets", () => {
  it("fails fast with a clear message when the dataset host cannot be reached (offline)", () => {
    // A closed loopback port refuses connections: the same failure path as a machine with no network.
    const r = spawnSync("npx", ["tsx", "scripts/fetch-datasets.ts", "--api", "http://127.0.0.1:65533/api/records", "--systems", "HDFS"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/fetch-datasets: cannot reach 127\.0\.0\.1:65533 \(ECONNREFUSED\)/);
    expect(r.stderr).toContain("works offline");
  }, 60_000);

  it("rejects unknown arguments", () => {
    const r = spawnSync("npx", ["tsx", "scripts/fetch-datasets.ts", "--bogus"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unknown argument --bogus");
  }, 60_000);
});
