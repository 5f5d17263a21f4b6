import { describe, expect, it } from "vitest";
import { environmentReport, environmentRows } from "../../lib/runtime/environment.js";
import { outputFolders } from "../../lib/runtime/output-folders.js";

describe("environmentReport", () => {
  it("describes node, cores, memory and the chosen backend", async () => {
    const env = await environmentReport();
    expect(env.node).toBe(process.version);
    expect(env.cores).toBeGreaterThan(0);
    expect(env.backend.tried.some((t) => t.ok)).toBe(true);
    const rows = environmentRows(env);
    expect(rows.find((r) => r.fact === "TF.js backend")!.value).toContain(env.backend.choice);
  });
  it("lists writable output folders", () => {
    const f = outputFolders();
    expect(f.map((x) => x.folder)).toEqual(["models/", "results/"]);
    expect(f.every((x) => x.writable)).toBe(true);
  });
});
