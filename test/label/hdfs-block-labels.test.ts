import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { labelHdfsSessions, readHdfsBlockLabels } from "../../lib/label/hdfs-block-labels.js";

const dir = mkdtempSync(join(tmpdir(), "hdfs-labels-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("HDFS block labels", () => {
  it("reads anomaly_label.csv in loglizer's format and rejects bad rows with reasons", () => {
    const f = join(dir, "anomaly_label.csv");
    writeFileSync(f, "BlockId,Label\nblk_-1608999687919862906,Normal\nblk_7503483334202473044,Anomaly\nnot-a-block,Normal\nblk_1,Maybe\nblk_-1608999687919862906,Normal\n");
    const gt = readHdfsBlockLabels(f);
    expect(gt.labels.size).toBe(2);
    expect(gt.anomalies).toBe(1);
    expect(gt.rejected.map((r) => [r.lineNo, r.reason])).toEqual([
      [4, 'block id "not-a-block" is not blk_<number>'],
      [5, 'label "Maybe" is not Normal or Anomaly'],
    ]);
    const s = labelHdfsSessions(["blk_7503483334202473044", "blk_-1608999687919862906", "blk_999"], gt);
    expect(Array.from(s.labels)).toEqual([1, 0, 0]);
    expect(s.unknown).toEqual(["blk_999"]);
  });
  it("errors when a block is labeled both ways, naming both rows", () => {
    const f = join(dir, "conflict.csv");
    writeFileSync(f, "BlockId,Label\nblk_1,Normal\nblk_1,Anomaly\n");
    expect(() => readHdfsBlockLabels(f)).toThrow(/conflict.csv:3: block blk_1 labeled Anomaly, but line 2 says otherwise/);
  });
});
