import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeCliManifest } from "../../lib/cli/cli-manifest.js";
import { sha256 } from "../../lib/io/file-hash.js";

const dir = mkdtempSync(join(tmpdir(), "cli-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loglab(...args: string[]): { status: number | null; stderr: string } {
  return spawnSync("node", ["bin/loglab.mjs", ...args], { encoding: "utf8", timeout: 120_000 });
}

describe("writeCliManifest", () => {
  it("writes manifest.json in a folder, or <file>.manifest.json beside a file, with hashed inputs", async () => {
    const input = join(dir, "in.txt");
    writeFileSync(input, "abc");
    const m = await writeCliManifest({ folder: dir }, { command: "parse", argv: ["--input", input], inputs: [input], config: { a: 1 }, seconds: 1.5, outputs: ["x.csv"] });
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).toEqual(JSON.parse(JSON.stringify(m)));
    expect(m.producer).toBe(`loglab parse --input ${input}`);
    expect(m.inputs[0]!.sha256).toBe(sha256("abc"));
    expect(m.timings).toEqual({ total: 1.5 });
    await writeCliManifest({ file: join(dir, "scores.tsv") }, { command: "detect", argv: [], inputs: [], seconds: 0 });
    expect(existsSync(join(dir, "scores.tsv.manifest.json"))).toBe(true);
  });
});

describe("CLI commands write their run manifest", () => {
  it("parse, train, detect and evaluate record inputs, config, seed and outputs", () => {
    const parsed = join(dir, "parsed");
    expect(loglab("parse", "--format", "HDFS", "--input", "data/loghub-2k/HDFS/HDFS_2k.log", "--out", parsed, "--no-progress").status).toBe(0);
    const pm = JSON.parse(readFileSync(join(parsed, "manifest.json"), "utf8"));
    expect(pm.inputs[0].path).toBe("data/loghub-2k/HDFS/HDFS_2k.log");
    expect(pm.outputs).toContain("HDFS_2k.log_structured.csv");
    expect(pm.config).toMatchObject({ format: "HDFS", mode: "loglab", passes: 2 });

    const normal = join(dir, "normal");
    const abnormal = join(dir, "abnormal");
    const train = readFileSync("data/hdfs-deeplog/hdfs_train", "utf8").split("\n").slice(0, 300).join("\n");
    writeFileSync(normal, train + "\n");
    writeFileSync(abnormal, readFileSync("data/hdfs-deeplog/hdfs_test_abnormal_dev", "utf8").split("\n").slice(0, 60).join("\n") + "\n");
    const model = join(dir, "model");
    const t = loglab("train", "pca", "--normal", normal, "--abnormal", abnormal, "--out", model, "--seed", "7");
    expect(t.status, t.stderr).toBe(0);
    const tm = JSON.parse(readFileSync(join(model, "manifest.json"), "utf8"));
    expect(tm.seed).toBe(7);
    expect(tm.config.model).toBe("pca");
    expect(tm.outputs).toContain("loglab-model.json");
    expect(tm.backend).toMatch(/wasm|cpu|node/);

    const scores = join(dir, "scores.tsv");
    expect(loglab("detect", "--model", model, "--input", abnormal, "--out", scores).status).toBe(0);
    expect(JSON.parse(readFileSync(`${scores}.manifest.json`, "utf8")).outputs).toEqual(["scores.tsv"]);
    const evalJson = join(dir, "eval.json");
    expect(loglab("evaluate", "--model", model, "--normal", normal, "--abnormal", abnormal, "--json", evalJson).status).toBe(0);
    expect(JSON.parse(readFileSync(`${evalJson}.manifest.json`, "utf8")).inputs).toHaveLength(3);
  }, 120_000);
});
