import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SessionDetector } from "../../lib/serve/session-detector.js";
import { dataPath } from "../../lib/runtime/project.js";
import { servedModelsDir } from "./serve-fixtures.js";

describe("SessionDetector", () => {
  let det: string;
  beforeAll(async () => {
    det = join(await servedModelsDir({ detector: true }), "detectors", "hdfs-pca");
  }, 180_000);
  const lines = readFileSync(dataPath("logai-raw", "HDFS_20000.log"), "utf8").split(/\r?\n/).filter(Boolean).slice(19_000);

  it("groups posted lines into sessions by the saved rule, maps templates to the training keys, scores with the trained threshold", async () => {
    const d = await SessionDetector.load(det, "hdfs-pca");
    const r = await d.detect(lines.slice(0, 300));
    expect(r).toMatchObject({ detector: "hdfs-pca", model: "pca", rejectedLines: 0, unassignedLines: 0 });
    const ids = new Set(lines.slice(0, 300).flatMap((l) => l.match(/blk_-?\d+/g) ?? []));
    expect(r.sessions.map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const s of r.sessions) {
      expect(s.anomalous).toBe(s.score > r.threshold);
      expect(s.keys).toHaveLength(s.lines.length);
    }
    expect(r.flagged).toBe(r.sessions.filter((s) => s.anomalous).length);
  });
  it("counts unseen templates as out-of-vocabulary and lines of another format as rejected", async () => {
    const d = await SessionDetector.load(det, "hdfs-pca");
    const r = await d.detect(["081109 203615 148 INFO dfs.Brand$New: a template never seen for blk_42 here", "not an HDFS line"]);
    expect(r.rejectedLines).toBe(1);
    expect(r.sessions).toHaveLength(1);
    expect(r.sessions[0]!.outOfVocabulary).toBe(1);
  });
  it("uses count windows when the settings say so", async () => {
    writeFileSync(join(det, "serve-detector.json"), JSON.stringify({ format: "loglab.serve-detector", version: 1, logFormat: "HDFS", session: { window: 10 } }));
    const r = await (await SessionDetector.load(det, "w")).detect(lines.slice(0, 35));
    expect(r.sessions.map((s) => s.lines.length)).toEqual([10, 10, 10, 5]);
    writeFileSync(join(det, "serve-detector.json"), JSON.stringify({ format: "loglab.serve-detector", version: 1, logFormat: "HDFS", session: { idPattern: "blk_-?\\d+" } }));
  });
  it("names the folder and file that is missing or wrong", async () => {
    const broken = join(det, "..", "broken2");
    mkdirSync(broken, { recursive: true });
    await expect(SessionDetector.load(broken, "b")).rejects.toThrow(/serve-detector.json is missing/);
    writeFileSync(join(broken, "serve-detector.json"), JSON.stringify({ format: "loglab.serve-detector", version: 1, logFormat: "HDFS", session: { idPattern: "(" } }));
    await expect(SessionDetector.load(broken, "b")).rejects.toThrow(/session.idPattern is not a valid regular expression/);
    writeFileSync(join(broken, "serve-detector.json"), JSON.stringify({ format: "loglab.serve-detector", version: 1, logFormat: "HDFS", session: { window: 3 } }));
    await expect(SessionDetector.load(broken, "b")).rejects.toThrow(/drain-state.json is missing/);
    rmSync(broken, { recursive: true });
  });
});
