import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { splitKeyDataset } from "../../../lib/data/key-dataset-split.js";
import { splitRawLogDataset } from "../../../lib/data/raw-log-dataset.js";
import { buildKeyFeatureSets, saveKeyFeatureSets } from "../../../lib/experiments/features/key-feature-sets.js";
import { loadKeyFeatureSets } from "../../../lib/experiments/features/key-feature-store.js";

const dir = mkdtempSync(join(tmpdir(), "kfstore-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadKeyFeatureSets", () => {
  it("reads notebook 04's saved sets back exactly when split and options match", () => {
    const split = splitKeyDataset("hdfs-deeplog", { maxPerFile: 150 });
    const sets = buildKeyFeatureSets(split, { nextKeyWindow: 6 });
    saveKeyFeatureSets(sets, dir);
    const hit = loadKeyFeatureSets(split, { nextKeyWindow: 6 }, dir);
    expect(hit.source).toBe("file");
    expect(hit.path).toBe(join(dir, "hdfs-deeplog"));
    expect(hit.sets).toEqual(sets);
  });

  it("recomputes for another split, other options, or a damaged folder", () => {
    const split = splitRawLogDataset("bgl-2k-windows");
    const sets = buildKeyFeatureSets(split);
    saveKeyFeatureSets(sets, dir);
    expect(loadKeyFeatureSets(split, {}, dir).source).toBe("file");
    expect(loadKeyFeatureSets(split, { rareThreshold: 3 }, dir).source).toBe("computed");
    const other = splitKeyDataset("hdfs-deeplog", { maxPerFile: 100 }); // the folder holds maxPerFile 150's sets
    const r = loadKeyFeatureSets(other, { nextKeyWindow: 6 }, dir);
    expect(r.source).toBe("computed");
    expect(r.sets.counts.train.matrix.rows).toBe(other.train.sequences.length);
    writeFileSync(join(dir, "bgl-2k-windows", "split.json"), "{ damaged");
    expect(loadKeyFeatureSets(split, {}, dir).source).toBe("computed");
  });
});
