import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { damaged } from "../../io/damage.js";
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
  // Issue 10: a split read back is checked against the SHA-256 recorded when it was saved.
  it("a split edited after saving is not used: it is recomputed and the reason is given", () => {
    const s = splitKeyDataset("bgl-afalog", { maxPerFile: 40 });
    const path = saveKeyDatasetSplit(s, dir);
    const saved = JSON.parse(readFileSync(path, "utf8"));
    expect(saved).toMatchObject({ format: "loglab.key-split", version: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    saved.parts.train.labels[0] = 1 - saved.parts.train.labels[0];
    writeFileSync(path, JSON.stringify(saved));
    const r = loadKeyDatasetSplit("bgl-afalog", { maxPerFile: 40, dir });
    expect(r.source).toBe("computed");
    expect(r.rejected).toMatch(/bgl-afalog\.json: checksum mismatch/);
    expect(Array.from(r.split.train.labels)).toEqual(Array.from(s.train.labels));
  });
  it("random bit flips and truncations of a saved split are never used as if intact (property)", () => {
    const s = splitKeyDataset("hdfs-deeplog", { maxPerFile: 30 });
    const path = saveKeyDatasetSplit(s, dir);
    const bytes = readFileSync(path);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ flip: fc.integer({ min: 0, max: bytes.length * 8 - 1 }) }),
          fc.record({ cut: fc.integer({ min: 0, max: bytes.length - 1 }) }),
        ),
        (damage) => {
          writeFileSync(path, damaged(bytes, damage));
          const r = loadKeyDatasetSplit("hdfs-deeplog", { maxPerFile: 30, dir });
          if (r.source === "computed") expect(r.rejected).toBeTruthy();
          expect(r.split.train.sequences).toEqual(s.train.sequences);
          expect(Array.from(r.split.test.labels)).toEqual(Array.from(s.test.labels));
          expect(r.split.validation.refs).toEqual(s.validation.refs);
        },
      ),
      { numRuns: 200, seed: 15 },
    );
  });
});
