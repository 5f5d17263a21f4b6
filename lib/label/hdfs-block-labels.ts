import { readCsvFile } from "../io/csv.js";
import type { Rejected } from "../io/rejected.js";

/** HDFS block labels from loglizer's/LogHub's `anomaly_label.csv` (`BlockId,Label`, Label `Normal`/`Anomaly`). */
export interface HdfsBlockLabels {
  file: string;
  /** Block id (`blk_-1608999687919862906`) → 1 anomalous, 0 normal. */
  labels: Map<string, 0 | 1>;
  anomalies: number;
  rejected: Rejected[];
}

/**
 * Reads HDFS block labels. Rows with an unknown label or a malformed block id are rejected with
 * the reason; a duplicated block id with a different label is an error naming both rows.
 *
 * @example
 * readHdfsBlockLabels("anomaly_label.csv").anomalies; // 16,838 in HDFS_v1
 */
export function readHdfsBlockLabels(file: string): HdfsBlockLabels {
  const { header, records } = readCsvFile(file);
  const iBlock = header.indexOf("BlockId");
  const iLabel = header.indexOf("Label");
  if (iBlock < 0 || iLabel < 0) throw new Error(`${file}: expected columns BlockId,Label (got ${header.join(",")})`);
  const labels = new Map<string, 0 | 1>();
  const firstRow = new Map<string, number>();
  const rejected: Rejected[] = [];
  let anomalies = 0;
  records.forEach((r, k) => {
    const lineNo = k + 2;
    const block = r[iBlock]!.trim();
    const raw = r[iLabel]!.trim().toLowerCase();
    if (!/^blk_-?\d+$/.test(block)) {
      rejected.push({ file, lineNo, reason: `block id "${block.slice(0, 40)}" is not blk_<number>` });
      return;
    }
    const label = raw === "anomaly" || raw === "abnormal" || raw === "1" ? 1 : raw === "normal" || raw === "0" ? 0 : null;
    if (label === null) {
      rejected.push({ file, lineNo, reason: `label "${r[iLabel]}" is not Normal or Anomaly` });
      return;
    }
    const prev = labels.get(block);
    if (prev !== undefined) {
      if (prev !== label) throw new Error(`${file}:${lineNo}: block ${block} labeled ${label ? "Anomaly" : "Normal"}, but line ${firstRow.get(block)} says otherwise`);
      return;
    }
    labels.set(block, label);
    firstRow.set(block, lineNo);
    anomalies += label;
  });
  return { file, labels, anomalies, rejected };
}

/**
 * Labels sessions by block id: 1/0 from the label file, and the ids the file does not know
 * (never silently counted as normal).
 */
export function labelHdfsSessions(blockIds: readonly string[], gt: HdfsBlockLabels): { labels: Uint8Array; unknown: string[] } {
  const labels = new Uint8Array(blockIds.length);
  const unknown: string[] = [];
  blockIds.forEach((id, i) => {
    const l = gt.labels.get(id);
    if (l === undefined) unknown.push(id);
    else labels[i] = l;
  });
  return { labels, unknown };
}
