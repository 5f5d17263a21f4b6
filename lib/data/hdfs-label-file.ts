import { existsSync } from "node:fs";
import { dataPath } from "../runtime/project.js";

/**
 * Where `anomaly_label.csv` may be when the full HDFS_v1 data are present: `LOGLAB_HDFS_LABELS`,
 * then `data/full/HDFS_v1/preprocessed/anomaly_label.csv` and `data/full/HDFS_v1/anomaly_label.csv`
 * (`npm run fetch-datasets -- --systems HDFS`), then `data/hdfs-loglizer/anomaly_label.csv`.
 * Null when none exists: the file is not shipped (18 MB; see data/README.md).
 */
export function findHdfsBlockLabels(): string | null {
  const env = process.env.LOGLAB_HDFS_LABELS;
  const candidates = [
    ...(env ? [env] : []),
    dataPath("full", "HDFS_v1", "preprocessed", "anomaly_label.csv"),
    dataPath("full", "HDFS_v1", "anomaly_label.csv"),
    dataPath("hdfs-loglizer", "anomaly_label.csv"),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}
