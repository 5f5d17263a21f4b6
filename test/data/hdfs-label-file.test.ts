import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findHdfsBlockLabels } from "../../lib/data/hdfs-label-file.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-hdfs-label-file-"));

describe("findHdfsBlockLabels", () => {
  it("finds the file through LOGLAB_HDFS_LABELS, else returns null when the full data are absent", () => {
    const f = join(dir, "anomaly_label.csv");
    writeFileSync(f, "BlockId,Label\n");
    const before = process.env.LOGLAB_HDFS_LABELS;
    process.env.LOGLAB_HDFS_LABELS = f;
    try {
      expect(findHdfsBlockLabels()).toBe(f);
    } finally {
      if (before === undefined) delete process.env.LOGLAB_HDFS_LABELS;
      else process.env.LOGLAB_HDFS_LABELS = before;
    }
    const found = findHdfsBlockLabels();
    expect(found === null || found.endsWith("anomaly_label.csv")).toBe(true);
  });
});
