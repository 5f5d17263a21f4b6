import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { splitKeyDataset } from "../../../lib/data/key-dataset-split.js";
import { splitRawLogDataset } from "../../../lib/data/raw-log-dataset.js";
import { keySplitFingerprint, loadKeyDatasetSplit, saveKeyDatasetSplit } from "../../../lib/experiments/features/key-split-store.js";

const dir = mkdtempSync(join(tmpdir(), "splits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("saved key splits", () => {
  it("round-trips a split and reuses it only for the same configuration", () => {
    const s = splitKeyDataset("hdfs-deeplog", { maxPerFile: 200 });
    const path = saveKeyDatasetSplit(s, dir);
    const hit = loadKeyDatasetSplit("hdfs-deeplog", { maxPerFile: 200, dir });
    expect(hit.source).toBe("file");
    expect(hit.path).toBe(path);
    expect(hit.split.train.sequences).toEqual(s.train.sequences);
    expect(hit.split.test.labels).toEqual(s.test.labels);
    expect(hit.split.validation.refs).toEqual(s.validation.refs);
    expect(loadKeyDatasetSplit("hdfs-deeplog", { maxPerFile: 100, dir }).source).toBe("computed");
    expect(keySplitFingerprint("hdfs-deeplog")).not.toBe(keySplitFingerprint("hdfs-deeplog", { fractions: { train: 0.8, validation: 0.1, test: 0.1 } }));
  });
  it("round-trips a raw-log split with its decoding (templates and raw lines)", () => {
    const s = splitRawLogDataset("bgl-2k-windows");
    saveKeyDatasetSplit(s, dir);
    const hit = loadKeyDatasetSplit("bgl-2k-windows", { dir });
    expect(hit.source).toBe("file");
    expect(hit.split.decoding).toEqual(s.decoding);
    expect(hit.split).toEqual(s);
    // maxPerFile does not apply to raw logs: the same file serves any smoke setting.
    expect(loadKeyDatasetSplit("bgl-2k-windows", { dir, maxPerFile: 10 }).source).toBe("file");
  });
  it("recomputes when the file is damaged", () => {
    const s = splitKeyDataset("bgl-afalog", { maxPerFile: 50 });
    const path = saveKeyDatasetSplit(s, dir);
    writeFileSync(path, "{ not json");
    const r = loadKeyDatasetSplit("bgl-afalog", { maxPerFile: 50, dir });
    expect(r.source).toBe("computed");
    expect(r.split.train.sequences).toEqual(s.train.sequences);
  });
});
