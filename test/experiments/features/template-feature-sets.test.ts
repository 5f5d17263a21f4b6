import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFeatureArrays } from "../../../lib/features/feature-store.js";
import { buildTemplateFeatureSets, embeddingNeighbourRows, saveTemplateFeatureSets, templateFeatureRows } from "../../../lib/experiments/features/template-feature-sets.js";
import { Rng } from "../../../lib/runtime/rng.js";

const dir = mkdtempSync(join(tmpdir(), "tfs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("template feature sets", () => {
  it("builds statistics, frequent/rare flags and seeded embeddings; saves them aligned", async () => {
    const opts = { systems: ["HDFS", "OpenSSH"] as const, embedding: { dim: 8, epochs: 3 } };
    const a = await buildTemplateFeatureSets(new Rng(1), opts);
    const b = await buildTemplateFeatureSets(new Rng(1), opts);
    expect(a.templates.length).toBe(14 + 27);
    expect(a.statistics.length).toBe(a.templates.length);
    expect(Buffer.from(a.vectors.vectors.buffer).equals(Buffer.from(b.vectors.vectors.buffer))).toBe(true);
    expect(a.frequent.filter(Boolean).length).toBeGreaterThan(0);
    const rows = templateFeatureRows(a);
    expect(rows.map((r) => r.system)).toEqual(["HDFS", "OpenSSH"]);
    expect(Number(rows[0]!.frequent) + Number(rows[0]!.rare)).toBe(14);
    expect(embeddingNeighbourRows(a, ["block", "zzz"], 3)[1]!.neighbours).toBe("(not in the vocabulary)");
    const files = saveTemplateFeatureSets(a, dir);
    expect(files).toContain("word-vectors.vec");
    const csv = readFileSync(join(dir, "templates.csv"), "utf8").trim().split("\n");
    expect(csv.length).toBe(a.templates.length + 1);
    const v = readFeatureArrays(dir, "template-vectors");
    expect(v.arrays.vectors!.length).toBe(a.templates.length * 8);
  });
});
