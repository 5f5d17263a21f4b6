import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataPath } from "../../lib/runtime/project.js";
import { runCli } from "../cli/cli-helpers.js";

/**
 * A session-detector folder (what `loglab serve` and `loglab tail` read) trained by the CLI: PCA
 * on the block sessions of the shipped HDFS_20000.log, with the Drain state and key map of that
 * `loglab sessions` run. Deterministic (PCA has no randomness; the data are fixed). A few seconds.
 */
export async function hdfsDetectorFolder(): Promise<{ root: string; det: string }> {
  const root = mkdtempSync(join(tmpdir(), "loglab-live-"));
  const work = join(root, "work");
  const det = join(root, "hdfs-pca");
  mkdirSync(det);
  const s = await runCli(["sessions", "--format", "HDFS", "--input", dataPath("logai-raw", "HDFS_20000.log"), "--out", work, "--session-id", "blk_-?\\d+", "--state", join(det, "drain-state.json"), "--no-progress"]);
  if (s.code !== 0) throw new Error(`sessions failed: ${s.err}`);
  const t = await runCli(["train", "pca", "--normal", join(work, "sessions.keys"), "--out", join(det, "model")]);
  if (t.code !== 0) throw new Error(`train failed: ${t.err}`);
  copyFileSync(join(work, "keys.csv"), join(det, "keys.csv"));
  copyFileSync(join(work, "keys.csv.sha256"), join(det, "keys.csv.sha256"));
  writeFileSync(join(det, "serve-detector.json"), JSON.stringify({ format: "loglab.serve-detector", version: 1, logFormat: "HDFS", session: { idPattern: "blk_-?\\d+" } }));
  return { root, det };
}
