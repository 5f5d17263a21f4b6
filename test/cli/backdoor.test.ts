import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Rng } from "../../lib/runtime/rng.js";
import { runCli } from "./cli-helpers.js";

/** A data folder in the public code's layout: normal sessions cycle 1→…→6; anomalies hold keys 8 and 9. */
function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "loglab-backdoor-"));
  const rng = new Rng(3);
  const session = () => {
    const start = rng.int(6);
    return Array.from({ length: 30 + rng.int(40) }, (_, i) => ((start + i) % 6) + 1);
  };
  const lines = (n: number, f: (s: number[]) => number[]) => Array.from({ length: n }, () => f(session()).join(" ")).join("\n") + "\n";
  writeFileSync(join(dir, "train"), lines(120, (s) => s));
  writeFileSync(join(dir, "test_normal"), lines(20, (s) => s));
  writeFileSync(join(dir, "test_abnormal"), lines(10, (s) => [...s.slice(0, 10), 8, 9, 8, 9, ...s.slice(10)]));
  return dir;
}

const small = ["--num-epochs", "3", "--hidden-dim", "8", "--embedding-dim", "4", "--batch-size-train", "64", "--trigger-length", "2", "--attack-length", "3", "--poison-ratio", "0.3"];

describe("loglab backdoor", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("writes report.json with BP and ASR of the benign and backdoored models, the defence, and both models", async () => {
    const data = dataFolder();
    dirs.push(data);
    const out = join(data, "..", `${data.split(/[\\/]/).pop()}-out`);
    dirs.push(out);
    const r = await runCli(["backdoor", "--data-path", data, "--out", out, ...small]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/benign/);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    for (const k of ["benign", "backdoored"]) {
      for (const m of ["precision", "recall", "f1", "asr", "controlPassRate"]) {
        expect(report[k][m]).toBeGreaterThanOrEqual(0);
        expect(report[k][m]).toBeLessThanOrEqual(1);
      }
    }
    expect(report.trigger.head).toHaveLength(2);
    expect(report.trigger.tail).toHaveLength(2);
    expect(report.trigger.attack).toHaveLength(3);
    expect(report.trigger.attack.some((k: number) => k === 8 || k === 9)).toBe(true);
    expect(report.poisonRatio).toBe(0.3);
    expect(report.lambda).toBe(1);
    expect(report.seconds).toBeGreaterThan(0);
    expect(report.defence.droppedSessions).toBeGreaterThanOrEqual(0);
    expect(report.params.epochs).toBe(3);
    expect(existsSync(join(out, "benign", "deeplog.json"))).toBe(true);
    expect(existsSync(join(out, "backdoored", "deeplog.json"))).toBe(true);
    expect(existsSync(join(out, "manifest.json"))).toBe(true);
    // The same output again without --force is refused.
    const again = await runCli(["backdoor", "--data-path", data, "--out", out, ...small]);
    expect(again.code).not.toBe(0);
  }, 240_000);

  it("attacks LogBERT with --model logbert (its size from --hidden-dim / --num-layers), g and r chosen on --validation-abnormal", async () => {
    const data = dataFolder();
    dirs.push(data);
    const out = join(data, "out-logbert");
    const r = await runCli(["backdoor", "--data-path", data, "--out", out, "--model", "logbert", "--validation-abnormal", join(data, "test_abnormal"), "--num-epochs", "2", "--hidden-dim", "8", "--num-layers", "1", "--batch-size-train", "32", "--trigger-length", "2", "--attack-length", "3", "--poison-ratio", "0.3", "--no-defence"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.model).toBe("logbert");
    expect(report.params.hiddenSize).toBe(8);
    expect(report.params.blocks).toBe(1);
    expect(report.validationSessions.abnormal).toBe(10);
    for (const m of ["precision", "recall", "f1", "asr", "controlPassRate"]) expect(report.backdoored[m]).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(out, "benign", "logbert.json"))).toBe(true);
    expect(existsSync(join(out, "backdoored", "logbert.json"))).toBe(true);
  }, 240_000);

  it("one-line errors: an unknown model or session rule, a missing file, a bad ratio, a folder holding other files", async () => {
    const data = dataFolder();
    dirs.push(data);
    const out = join(data, "out");
    let r = await runCli(["backdoor", "--data-path", data, "--out", out, "--model", "gru"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--model gru: expected deeplog or logbert/);
    r = await runCli(["backdoor", "--data-path", data, "--out", out, "--session-rule", "most"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--session-rule most: expected miss-count, miss-share or any-miss/);
    r = await runCli(["backdoor", "--data-path", data, "--out", out, "--poison-ratio", "2"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--poison-ratio 2/);
    const empty = mkdtempSync(join(tmpdir(), "loglab-backdoor-empty-"));
    dirs.push(empty);
    r = await runCli(["backdoor", "--data-path", empty, "--out", out]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no train/);
    const foreign = join(data, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "keep.txt"), "mine");
    r = await runCli(["backdoor", "--data-path", data, "--out", foreign, ...small]);
    expect(r.code).not.toBe(0);
    expect(readFileSync(join(foreign, "keep.txt"), "utf8")).toBe("mine");
    for (const e of [r.err]) expect(e).not.toMatch(/\n\s+at /);
  });
});
