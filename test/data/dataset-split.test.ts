import { describe, expect, it } from "vitest";
import { datasetSpecOf, splitDataset } from "../../lib/data/dataset-split.js";

describe("splitDataset", () => {
  it("splits key-file and raw-log datasets through one call", () => {
    expect(datasetSpecOf("hdfs-deeplog").kind).toBe("key-files");
    expect(datasetSpecOf("bgl-2k-windows").kind).toBe("raw-log");
    const hdfs = splitDataset("hdfs-deeplog", { maxPerFile: 50 });
    expect(hdfs.decoding).toBeNull();
    expect(hdfs.maxPerFile).toBe(50);
    const raw = splitDataset("bgl-2k-windows", { maxPerFile: 50 });
    expect(raw.decoding).not.toBeNull();
    expect(raw.maxPerFile).toBeNull();
    expect(() => datasetSpecOf("nope" as never)).toThrow(/unknown dataset "nope" \(known: hdfs-deeplog, bgl-afalog, bgl-2k-windows\)/);
  });
});
