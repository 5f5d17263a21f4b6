import { describe, expect, it } from "vitest";
import { featureSetManifest, featureSetRows } from "../../../lib/experiments/features/feature-set-manifest.js";
import { buildKeyFeatureSets } from "../../../lib/experiments/features/key-feature-sets.js";
import { buildTemplateFeatureSets } from "../../../lib/experiments/features/template-feature-sets.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { splitKeyDataset } from "../../../lib/data/key-dataset-split.js";

describe("featureSetManifest", () => {
  const split = splitKeyDataset("hdfs-deeplog", { maxPerFile: 60 });
  const keys = buildKeyFeatureSets(split);

  it("lists the four key feature sets with their own files, shapes, fit data and readers", () => {
    const files = ["hdfs-deeplog/counts-train.json", "hdfs-deeplog/count-transform.json", "hdfs-deeplog/next-key-train.bin", "hdfs-deeplog/tokens-test.bin", "hdfs-deeplog/token-vocabulary.json", "other/counts-x"];
    const m = featureSetManifest([keys], null, { splits: { "hdfs-deeplog": "splits/hdfs-deeplog.json" }, keys: { "hdfs-deeplog": files }, templates: [] });
    expect(m.format).toBe("loglab.feature-sets");
    expect(m.version).toBe(1);
    expect(m.sets.map((s) => s.name)).toEqual(["hdfs-deeplog/split", "hdfs-deeplog/counts", "hdfs-deeplog/next-key", "hdfs-deeplog/tokens"]);
    const [splitSet, counts, nextKey, tokens] = m.sets;
    expect(splitSet!.files).toEqual(["splits/hdfs-deeplog.json"]);
    expect(splitSet!.shape).toBe(`${split.train.sequences.length}/${split.validation.sequences.length}/${split.test.sequences.length} sessions`);
    // Each set picks only its own files (by prefix, within its own folder).
    expect(counts!.files).toEqual(["hdfs-deeplog/counts-train.json", "hdfs-deeplog/count-transform.json"]);
    expect(counts!.shape).toBe(`${keys.counts.train.matrix.rows}×${keys.counts.train.matrix.cols} (train)`);
    expect(counts!.fitOn).toBe("train split");
    expect(nextKey!.files).toEqual(["hdfs-deeplog/next-key-train.bin"]);
    expect(nextKey!.shape).toBe(`${keys.nextKey.train.windowCount} distinct windows / ${keys.nextKey.train.totalPairs} (train)`);
    expect(nextKey!.fitOn).toBe("train split, normal sessions");
    expect(tokens!.files).toEqual(["hdfs-deeplog/tokens-test.bin", "hdfs-deeplog/token-vocabulary.json"]);
    expect(tokens!.shape).toBe(`${keys.tokens.train.count}×${keys.tokens.train.maxLength} (train)`);
  });

  it("a key set without saved files still gets its rows (empty file lists, an empty split path)", () => {
    const m = featureSetManifest([keys], null, { splits: {}, keys: {}, templates: [] });
    expect(m.sets).toHaveLength(4);
    expect(m.sets[0]!.files).toEqual([""]);
    expect(m.sets.slice(1).every((s) => s.files.length === 0)).toBe(true);
  });

  it("adds the three template sets, each with its files, and featureSetRows shows one row per set", async () => {
    const templates = await buildTemplateFeatureSets(new Rng(1), { systems: ["HDFS"], embedding: { dim: 4, epochs: 1 } });
    const files = ["templates/templates.csv", "templates.csv", "word-vectors.vec", "template-vectors.json", "template-vectors.bin"];
    const m = featureSetManifest([], templates, { splits: {}, keys: {}, templates: files });
    expect(m.sets.map((s) => s.name)).toEqual(["loghub/templates", "loghub/word-vectors", "loghub/template-vectors"]);
    expect(m.sets[0]!.files).toEqual(["templates/templates.csv"]);
    expect(m.sets[0]!.shape).toBe(`${templates.templates.length} templates`);
    expect(m.sets[0]!.description).toContain(`rare: < ${templates.rareThreshold} lines`);
    expect(m.sets[1]!.files).toEqual(["word-vectors.vec"]);
    expect(m.sets[1]!.shape).toBe(`${templates.embeddings.vectors.size}×4`);
    expect(m.sets[2]!.files).toEqual(["template-vectors.json", "template-vectors.bin"]);
    expect(m.sets[2]!.shape).toBe(`${templates.templates.length}×4`);
    const rows = featureSetRows(m);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual({ name: "loghub/template-vectors", shape: `${templates.templates.length}×4`, "fit on": "all LogHub 2k ground-truth templates", "used by": "semantic features", files: 2 });
  });
});
