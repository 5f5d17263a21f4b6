import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { featureSetManifest } from "../../../lib/experiments/features/feature-set-manifest.js";
import { readFeatureArrays } from "../../../lib/features/feature-store.js";
import { buildKeyFeatureSets, keyFeatureFindings, keyFeatureRows, saveKeyFeatureSets } from "../../../lib/experiments/features/key-feature-sets.js";
import { CLS_ID, PAD_ID } from "../../../lib/features/token-id-sequences.js";
import { splitKeyDataset } from "../../../lib/data/key-dataset-split.js";

const dir = mkdtempSync(join(tmpdir(), "kfs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("key feature sets", () => {
  const split = splitKeyDataset("hdfs-deeplog", { maxPerFile: 300 });
  const sets = buildKeyFeatureSets(split);

  it("fits every vocabulary on train only and builds each set for every split", () => {
    expect(sets.counts.train.matrix.rows).toBe(split.train.sequences.length);
    expect(sets.counts.test.matrix.cols).toBe(sets.countVocab.width);
    expect(sets.tokens.validation.count).toBe(split.validation.sequences.length);
    expect(sets.options.tokenMaxLength).toBe(64); // HDFS sessions ≤ 42 keys + [CLS]
    expect(sets.tokens.train.ids[0]).toBe(CLS_ID);
    // DeepLog trains on normal sessions only.
    expect(sets.nextKey.train.sessions).toBe(Array.from(split.train.labels).filter((l) => l === 0).length);
    expect(sets.nextKey.train.windowCount).toBeLessThan(sets.nextKey.train.totalPairs);
  });

  it("states what the sets show, from their own numbers", () => {
    const f = keyFeatureFindings(sets);
    expect(f[0]).toMatch(/^hdfs-deeplog: \d+\.\d% of the test sessions \(\d+ of \d+\) repeat a training session exactly/);
    expect(f[1]).toContain(`${sets.nextKey.train.totalPairs} training windows are ${sets.nextKey.train.pairCount.length} distinct`);
  });

  it("describes and saves the sets; saved arrays read back", () => {
    const rows = keyFeatureRows(sets);
    expect(rows.map((r) => r.split)).toEqual(["train", "validation", "test"]);
    const files = saveKeyFeatureSets(sets, dir);
    expect(files).toContain("hdfs-deeplog/count-vocabulary.json");
    const t = readFeatureArrays(join(dir, "hdfs-deeplog"), "tokens-test");
    expect(t.arrays.ids!.length).toBe(split.test.sequences.length * 64);
    expect(t.arrays.ids![63]).toBe(PAD_ID);
    const c = readFeatureArrays(join(dir, "hdfs-deeplog"), "counts-train");
    expect(Array.from(c.arrays.indptr!)).toEqual(Array.from(sets.counts.train.matrix.indptr));
    const m = featureSetManifest([sets], null, { splits: { "hdfs-deeplog": "splits/hdfs-deeplog.json" }, keys: { "hdfs-deeplog": files }, templates: [] });
    expect(m.sets.map((s) => s.name)).toEqual(["hdfs-deeplog/split", "hdfs-deeplog/counts", "hdfs-deeplog/next-key", "hdfs-deeplog/tokens"]);
    expect(m.sets[2]!.files.every((f) => f.startsWith("hdfs-deeplog/next-key-"))).toBe(true);
  });
});
