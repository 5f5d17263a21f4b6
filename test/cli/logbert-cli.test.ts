import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFiles, runCli } from "./cli-helpers.js";

describe("loglab train / detect / evaluate with logbert and logbert-severity", () => {
  const f = keyFiles();
  const params = '{"hiddenSize": 16, "blocks": 1, "heads": 2, "ffnDim": 32, "epochs": 3}';
  for (const model of ["logbert", "logbert-severity"]) {
    it(`${model}: trains, detects and evaluates like every other model`, async () => {
      const dir = join(f.dir, `${model}-model`);
      const t = await runCli(["train", model, "--normal", f.normal, "--abnormal", f.abnormal, "--params", params, "--out", dir]);
      expect(t.code, t.err).toBe(0);
      expect(t.out).toMatch(new RegExp(`trained ${model} on`));
      const card = JSON.parse(readFileSync(join(dir, "loglab-model.json"), "utf8")) as { name: string; params: { hiddenSize: number } };
      expect(card.params.hiddenSize).toBe(16);
      const d = await runCli(["detect", "--model", dir, "--input", f.testAbnormal]);
      expect(d.code, d.err).toBe(0);
      expect(d.out.trim().split("\n").length).toBe(readFileSync(f.testAbnormal, "utf8").trim().split("\n").length);
      const e = await runCli(["evaluate", "--model", dir, "--normal", f.testNormal, "--abnormal", f.testAbnormal]);
      expect(e.code, e.err).toBe(0);
      expect(e.out).toMatch(/all sessions/);
    }, 60_000);
  }
  it("rejects an out-of-range LogBERT parameter by name", async () => {
    const r = await runCli(["train", "logbert", "--normal", f.normal, "--params", '{"maskRatio": 1.5}', "--out", join(f.dir, "bad")]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/maskRatio/);
  });
});
