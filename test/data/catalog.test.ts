import { describe, expect, it } from "vitest";
import { datasetRows, readDataManifest, shippedDatasets } from "../../lib/data/catalog.js";

describe("shipped data catalog", () => {
  it("lists the four shipped datasets from data/MANIFEST.json, all intact", () => {
    const ds = shippedDatasets({ verify: true });
    expect(ds.map((d) => d.name)).toEqual(["bgl-afalog", "hdfs-deeplog", "logai-raw", "loghub-2k"]);
    for (const d of ds) {
      expect(d.missing).toEqual([]);
      expect(d.mismatched).toEqual([]);
      expect(d.provenance).toBe(`data/${d.name}/PROVENANCE.md`);
    }
    const hdfs = ds.find((d) => d.name === "hdfs-deeplog")!;
    expect(hdfs.files).toBe(2);
    expect(datasetRows(ds)[1]).toMatchObject({ dataset: "hdfs-deeplog", files: 2, integrity: "sha256 ok" });
  });
  it("covers all 16 LogHub systems", () => {
    const systems = new Set(readDataManifest().filter((f) => f.path.startsWith("loghub-2k/") && f.path.endsWith("_2k.log")).map((f) => f.path.split("/")[1]));
    expect(systems.size).toBe(16);
  });
});
