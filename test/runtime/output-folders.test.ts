import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { outputFolders } from "../../lib/runtime/output-folders.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-output-folders-"));
const saved = { results: process.env.LOGLAB_RESULTS_DIR, models: process.env.LOGLAB_MODELS_DIR };
afterEach(() => {
  for (const [k, v] of [["LOGLAB_RESULTS_DIR", saved.results], ["LOGLAB_MODELS_DIR", saved.models]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("outputFolders", () => {
  it("creates missing models/ and results/ folders (where LOGLAB_*_DIR point) and reports them writable", () => {
    process.env.LOGLAB_MODELS_DIR = join(dir, "a", "models");
    process.env.LOGLAB_RESULTS_DIR = join(dir, "a", "results");
    expect(outputFolders()).toEqual([
      { folder: "models/", path: join(dir, "a", "models"), writable: true },
      { folder: "results/", path: join(dir, "a", "results"), writable: true },
    ]);
    expect(existsSync(join(dir, "a", "models"))).toBe(true);
    expect(existsSync(join(dir, "a", "results"))).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)("reports a read-only folder as not writable", () => {
    const ro = join(dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      process.env.LOGLAB_MODELS_DIR = ro;
      process.env.LOGLAB_RESULTS_DIR = join(dir, "rw");
      const [models, results] = outputFolders();
      expect(models).toEqual({ folder: "models/", path: ro, writable: false });
      expect(results!.writable).toBe(true);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});
