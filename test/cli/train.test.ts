import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFiles, runCli } from "./cli-helpers.js";

describe("loglab train", () => {
  const f = keyFiles();
  it("trains an unsupervised and a supervised model and writes a model card", async () => {
    const r = await runCli(["train", "pca", "--normal", f.normal, "--abnormal", f.abnormal, "--out", join(f.dir, "pca")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/threshold .*max F1 on/);
    const card = JSON.parse(readFileSync(join(f.dir, "pca", "loglab-model.json"), "utf8"));
    expect(card).toMatchObject({ format: "loglab.model", name: "pca", training: { normal: 240, abnormal: 0 } });
    const s = await runCli(["train", "decision-tree", "--normal", f.normal, "--abnormal", f.abnormal, "--params", '{"maxDepth": 4}', "--out", join(f.dir, "dt")]);
    expect(s.code).toBe(0);
    expect(JSON.parse(readFileSync(join(f.dir, "dt", "loglab-model.json"), "utf8")).params.maxDepth).toBe(4);
  });
  it("gives clear errors: unknown model, unknown parameter, empty file, non-integer key, supervised without abnormal", async () => {
    expect((await runCli(["train", "nope", "--normal", f.normal, "--out", join(f.dir, "x")])).err).toMatch(/unknown model "nope"/);
    expect((await runCli(["train", "pca", "--normal", f.normal, "--params", '{"k": 1}', "--out", join(f.dir, "x")])).err).toMatch(/unknown setting "k"/);
    const empty = join(f.dir, "empty");
    writeFileSync(empty, "");
    expect((await runCli(["train", "pca", "--normal", empty, "--out", join(f.dir, "x")])).err).toMatch(/empty/);
    const bad = join(f.dir, "bad");
    writeFileSync(bad, "1 2 3\n4 x 5\n");
    const r = await runCli(["train", "pca", "--normal", bad, "--out", join(f.dir, "x")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad:2: key 2 is "x"/);
    expect((await runCli(["train", "gbdt", "--normal", f.normal, "--out", join(f.dir, "x")])).err).toMatch(/supervised/);
    expect(existsSync(join(f.dir, "x"))).toBe(false);
  });

  // Issue 10, case 1: `train --out` deleted whatever was at that path, the training file included.
  it("never replaces what it did not write: a folder with other files, a file, a folder holding its input", async () => {
    const v = join(f.dir, "v");
    mkdirSync(v);
    copyFileSync(f.normal, join(v, "n.keys"));
    writeFileSync(join(v, "README"), "keep\n");
    const inside = await runCli(["train", "pca", "--normal", join(v, "n.keys"), "--out", v]);
    expect(inside.code).toBe(2);
    expect(inside.err).toMatch(/the input .*n\.keys is inside it/);
    expect(readdirSync(v).sort()).toEqual(["README", "n.keys"]);
    const other = await runCli(["train", "pca", "--normal", f.normal, "--out", v]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/already holds files loglab did not write \(.*README/);
    expect(readFileSync(join(v, "README"), "utf8")).toBe("keep\n");
    const log = join(f.dir, "app.log");
    writeFileSync(log, "a log line\n");
    const file = await runCli(["train", "pca", "--normal", f.normal, "--out", log]);
    expect(file.code).toBe(2);
    expect(file.err).toMatch(/app\.log is a file; .*never replaces a file/);
    expect(readFileSync(log, "utf8")).toBe("a log line\n");
  });
  it("replaces its own earlier model only with --force, and never one holding foreign files", async () => {
    const out = join(f.dir, "again");
    expect((await runCli(["train", "pca", "--normal", f.normal, "--out", out])).code).toBe(0);
    const twice = await runCli(["train", "pca", "--normal", f.normal, "--out", out]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/holds an earlier `loglab train` output; add --force/);
    const forced = await runCli(["train", "pca", "--normal", f.normal, "--out", out, "--force"]);
    expect(forced.code, forced.err).toBe(0);
    writeFileSync(join(out, "notes.txt"), "mine");
    const foreign = await runCli(["train", "pca", "--normal", f.normal, "--out", out, "--force"]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/plus files it did not write \(notes\.txt\)/);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
    expect(readdirSync(f.dir).filter((e) => e.includes(".partial-") || e.endsWith(".lock"))).toEqual([]);
  });
  // Issue 10, case 9: `--params '{"epochs":-1}'` saved an untrained model.
  it("rejects parameter values out of range, naming the setting and its range, and writes nothing", async () => {
    const cases: [string, string, RegExp][] = [
      ["dense-ae", '{"epochs": -1}', /dense-ae parameters: setting "epochs" must be an integer ≥ 1, got -1/],
      ["deeplog", '{"learningRate": 0}', /setting "learningRate" must be > 0, got 0/],
      ["iforest", '{"contamination": 0.7}', /setting "contamination" must be in \[0, 0\.5\), got 0\.7/],
      ["dense-ae", '{"hidden": [64, 0]}', /setting "hidden" must hold integers ≥ 1, got \[64,0\]/],
      ["dense-ae", '{"lrSchedule": "sometimes"}', /setting "lrSchedule" must be one of plateau, cosine, step, constant, got "sometimes"/],
    ];
    for (const [model, params, message] of cases) {
      const out = join(f.dir, `ranges-${model}`);
      const r = await runCli(["train", model, "--normal", f.normal, "--params", params, "--out", out]);
      expect(r.code, params).toBe(2);
      expect(r.err, params).toMatch(message);
      expect(existsSync(out), params).toBe(false);
    }
  });
});
