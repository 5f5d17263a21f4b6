import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
});
