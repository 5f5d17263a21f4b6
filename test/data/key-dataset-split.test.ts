import { describe, expect, it } from "vitest";
import { keySplitRows, splitKeyDataset } from "../../lib/data/key-dataset-split.js";

describe("splitKeyDataset", () => {
  it("splits HDFS 70/10/20 per file in file order, traceable, with no leakage", () => {
    const s = splitKeyDataset("hdfs-deeplog");
    const count = (p: typeof s.train, label: number) => Array.from(p.labels).filter((l) => l === label).length;
    expect([count(s.train, 0), count(s.validation, 0), count(s.test, 0)]).toEqual([3399, 486, 970]);
    expect([count(s.train, 1), count(s.validation, 1), count(s.test, 1)]).toEqual([1179, 168, 337]);
    expect(s.train.refs[0]).toEqual({ file: "data/hdfs-deeplog/hdfs_train", lineNo: 1 });
    expect(s.validation.refs[0]).toEqual({ file: "data/hdfs-deeplog/hdfs_train", lineNo: 3400 });
    expect(s.leakage.ok).toBe(true);
    expect(s.leakage.duplicates!.testInTrain).toBeGreaterThan(0); // HDFS normal sessions repeat; allowed and counted
    const rows = keySplitRows(s);
    expect(rows.map((r) => r.sessions)).toEqual([3399 + 1179, 486 + 168, 970 + 337]);
  });
  it("sends BGL's dev test samples to test only and limits files for smoke runs", () => {
    const s = splitKeyDataset("bgl-afalog", { maxPerFile: 100 });
    expect(s.perFile.map((f) => [f.read, f.train, f.validation, f.test])).toEqual([
      [100, 70, 10, 20],
      [100, 70, 10, 20],
      [100, 70, 10, 20],
      [89, 0, 0, 89],
      [34, 0, 0, 34],
    ]);
    expect(s.test.sequences.length).toBe(60 + 89 + 34);
    expect(s.maxPerFile).toBe(100);
  });
});
