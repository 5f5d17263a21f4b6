import { readKeySessions } from "../../io/key-files.js";
import { dataPath } from "../../runtime/project.js";
import { duplicateStats } from "../../windows/duplicate-stats.js";
import { alertCategoryCounts, readAlertLabels } from "../../label/alert-labels.js";
import { findHdfsBlockLabels } from "../../data/hdfs-label-file.js";
import { readHdfsBlockLabels } from "../../label/hdfs-block-labels.js";

/** One ground-truth source: how many items it labels, and how many are anomalous (a type alias, so it is a table `Row`). */
export type GroundTruthRow = {
  dataset: string;
  /** Path relative to the project root. */
  file: string;
  /** What one labeled item is. */
  unit: "line" | "session" | "block";
  items: number;
  normal: number;
  anomalous: number;
  anomalyShare: number;
  /** Distinct sessions (key files only). */
  distinct: number | "";
  /** Where the label comes from. */
  labelFrom: string;
};

/** The ground-truth summary notebook 02 shows. */
export interface GroundTruthSummary {
  rows: GroundTruthRow[];
  /** Alert categories of the line-labeled files (BGL, Thunderbird). */
  alertCategories: { dataset: string; category: string; lines: number; share: number }[];
  /** Why HDFS block labels are absent, when they are. */
  notes: string[];
}

const ALERT_FILES = [
  { dataset: "loghub-2k BGL", path: ["loghub-2k", "BGL", "BGL_2k.log"] },
  { dataset: "loghub-2k Thunderbird", path: ["loghub-2k", "Thunderbird", "Thunderbird_2k.log"] },
  { dataset: "logai-raw BGL 5,000", path: ["logai-raw", "BGL_5000.log"] },
];

const KEY_FILES: { dataset: string; path: string[]; label: 0 | 1 }[] = [
  { dataset: "hdfs-deeplog", path: ["hdfs-deeplog", "hdfs_train"], label: 0 },
  { dataset: "hdfs-deeplog", path: ["hdfs-deeplog", "hdfs_test_abnormal_dev"], label: 1 },
  { dataset: "bgl-afalog", path: ["bgl-afalog", "train"], label: 0 },
  { dataset: "bgl-afalog", path: ["bgl-afalog", "test_normal_dev"], label: 0 },
  { dataset: "bgl-afalog", path: ["bgl-afalog", "test_abnormal_dev"], label: 1 },
  { dataset: "bgl-afalog", path: ["bgl-afalog", "pool", "unlabeled_samples_normal"], label: 0 },
  { dataset: "bgl-afalog", path: ["bgl-afalog", "pool", "unlabeled_samples_abnormal"], label: 1 },
];

/**
 * Reads every shipped ground truth: BGL/Thunderbird line labels (first column), the DeepLog-style
 * key files (label by file), and HDFS block labels when the full dataset is present.
 *
 * @example
 * const gt = await groundTruthSummary();
 * showTable(gt.rows);
 */
export async function groundTruthSummary(): Promise<GroundTruthSummary> {
  const rows: GroundTruthRow[] = [];
  const alertCategories: GroundTruthSummary["alertCategories"] = [];
  const notes: string[] = [];
  for (const f of ALERT_FILES) {
    const gt = await readAlertLabels(dataPath(...f.path));
    const anomalous = gt.labels.reduce((a, b) => a + b, 0);
    rows.push({ dataset: f.dataset, file: ["data", ...f.path].join("/"), unit: "line", items: gt.labels.length, normal: gt.labels.length - anomalous, anomalous, anomalyShare: anomalous / gt.labels.length, distinct: "", labelFrom: "first column (- = normal, else alert category)" });
    for (const c of alertCategoryCounts(gt)) alertCategories.push({ dataset: f.dataset, ...c });
    if (gt.rejected.length) notes.push(`${f.dataset}: ${gt.rejected.length} blank lines rejected`);
  }
  for (const f of KEY_FILES) {
    const ks = readKeySessions(dataPath(...f.path));
    const n = ks.sequences.length;
    rows.push({ dataset: f.dataset, file: ["data", ...f.path].join("/"), unit: "session", items: n, normal: f.label ? 0 : n, anomalous: f.label ? n : 0, anomalyShare: f.label, distinct: duplicateStats(ks.sequences).distinct, labelFrom: "file name (normal / abnormal file)" });
  }
  const hdfsLabels = findHdfsBlockLabels();
  if (hdfsLabels) {
    const gt = readHdfsBlockLabels(hdfsLabels);
    rows.push({ dataset: "HDFS_v1", file: hdfsLabels, unit: "block", items: gt.labels.size, normal: gt.labels.size - gt.anomalies, anomalous: gt.anomalies, anomalyShare: gt.labels.size ? gt.anomalies / gt.labels.size : 0, distinct: "", labelFrom: "anomaly_label.csv (BlockId,Label)" });
  } else {
    notes.push("HDFS block labels (anomaly_label.csv, 18 MB) are not shipped; they are read when the full HDFS_v1 data are present (npm run fetch-datasets -- --systems HDFS, or LOGLAB_HDFS_LABELS=path).");
  }
  return { rows, alertCategories, notes };
}
