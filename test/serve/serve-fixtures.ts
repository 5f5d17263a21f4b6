import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveLineClassifier } from "../../lib/classify/line-classifier-folder.js";
import { dataPath } from "../../lib/runtime/project.js";
import { runCli } from "../cli/cli-helpers.js";
import { smallTraining } from "../classify/classify-fixtures.js";

/**
 * A models folder as `loglab serve` reads it: the small classic classifier in classifier-ml, a
 * BERT folder of a kind this loglab cannot load yet (classifier-bert-lora), no dann/hybrid
 * folders, and (with `detector`) one session detector trained by the CLI on HDFS block sessions.
 */
export async function servedModelsDir(o: { detector?: boolean } = {}): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "loglab-serve-"));
  await saveLineClassifier(join(root, "classifier-ml"), smallTraining().classifier);
  const lora = join(root, "classifier-bert-lora");
  mkdirSync(lora);
  writeFileSync(join(lora, "loglab-classifier.json"), JSON.stringify({ format: "loglab.line-classifier", version: 1, kind: "bert", name: "bert-lora", classes: ["normal", "security"] }));
  if (o.detector) {
    const work = join(root, "work");
    const det = join(root, "detectors", "hdfs-pca");
    mkdirSync(det, { recursive: true });
    const log = dataPath("logai-raw", "HDFS_20000.log");
    const s = await runCli(["sessions", "--format", "HDFS", "--input", log, "--out", work, "--session-id", "blk_-?\\d+", "--state", join(det, "drain-state.json"), "--no-progress"]);
    if (s.code !== 0) throw new Error(`sessions failed: ${s.err}`);
    const t = await runCli(["train", "pca", "--normal", join(work, "sessions.keys"), "--out", join(det, "model")]);
    if (t.code !== 0) throw new Error(`train failed: ${t.err}`);
    copyFileSync(join(work, "keys.csv"), join(det, "keys.csv"));
    writeFileSync(join(det, "serve-detector.json"), JSON.stringify({ format: "loglab.serve-detector", version: 1, logFormat: "HDFS", session: { idPattern: "blk_-?\\d+" } }));
    // A broken detector folder: reported as not loaded, the others still served.
    mkdirSync(join(root, "detectors", "broken"));
  }
  return root;
}
