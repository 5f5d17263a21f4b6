import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDir } from "../../lib/io/ensure-dir.js";

const dir = mkdtempSync(join(tmpdir(), "ensure-dir-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ensureDir", () => {
  it("creates missing parents and accepts an existing folder", () => {
    const p = join(dir, "a", "b", "c");
    ensureDir(p);
    expect(statSync(p).isDirectory()).toBe(true);
    ensureDir(p);
  });
  it("names the path when a parent is a file", () => {
    writeFileSync(join(dir, "f"), "x");
    expect(() => ensureDir(join(dir, "f", "g"))).toThrow(/f is a file, not a folder/);
    expect(existsSync(join(dir, "f", "g"))).toBe(false);
  });
  it.runIf(existsSync("/proc/self"))("fails at once under /proc instead of spinning (Node's recursive mkdir loops there)", () => {
    const t0 = performance.now();
    expect(() => ensureDir("/proc/loglab-no-such/x")).toThrow(/Could not create folder \/proc\/loglab-no-such\/x: \/proc exists but does not accept new folders/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
