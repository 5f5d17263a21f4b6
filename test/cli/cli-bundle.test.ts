import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM script of bin/ (no types), the one the loglab binary loads.
import { cliBundle, removeAbandonedBuilds } from "../../bin/cli-bundle.mjs";

describe("the CLI bundle (bin/cli-bundle.mjs)", () => {
  it("bundles lib/cli into the cache once, and the same sources give the same bundle", async () => {
    const a = (await cliBundle()) as { main: string; guards: string } | null;
    expect(a).not.toBeNull();
    expect(existsSync(fileURLToPath(a!.main))).toBe(true);
    expect(existsSync(fileURLToPath(a!.guards))).toBe(true);
    expect(fileURLToPath(a!.main)).toMatch(/node_modules[/\\]\.cache[/\\]loglab-cli[/\\][0-9a-f]{16}[/\\]main\.js$/);
    const b = (await cliBundle()) as { main: string };
    expect(b.main).toBe(a!.main);
    const mod = (await import(a!.main)) as { main?: unknown };
    expect(typeof mod.main).toBe("function");
  }, 60_000);

  it("removes build folders of processes that are gone, not of running ones nor finished bundles", () => {
    const cache = mkdtempSync(join(tmpdir(), "cli-cache-"));
    // A pid far above any pid_max in use is not running.
    for (const name of ["0123456789abcdef", "0123456789abcdef.tmp-2147483646", `fedcba9876543210.tmp-${process.pid}`, `aaaaaaaaaaaaaaaa.tmp-${process.ppid}`]) mkdirSync(join(cache, name));
    removeAbandonedBuilds(cache);
    expect(existsSync(join(cache, "0123456789abcdef"))).toBe(true);
    expect(existsSync(join(cache, "0123456789abcdef.tmp-2147483646"))).toBe(false);
    expect(existsSync(join(cache, `fedcba9876543210.tmp-${process.pid}`))).toBe(true);
    expect(existsSync(join(cache, `aaaaaaaaaaaaaaaa.tmp-${process.ppid}`))).toBe(true);
    rmSync(cache, { recursive: true });
  });

  it("the bundle and tsx's compile-on-load (LOGLAB_CLI_BUNDLE=0) run the same commands alike", () => {
    const run = (env: Record<string, string>, args: string[]) => spawnSync("node", ["bin/loglab.mjs", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
    for (const args of [["--help"], ["parse", "--format", "HDFS"], ["frobnicate"]]) {
      const bundled = run({}, args);
      const tsx = run({ LOGLAB_CLI_BUNDLE: "0" }, args);
      expect(bundled.status).toBe(tsx.status);
      expect(bundled.stdout).toBe(tsx.stdout);
      expect(bundled.stderr).toBe(tsx.stderr);
    }
  }, 60_000);
});
