import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loghubLogPath } from "../../lib/data/loghub-2k.js";
import { BertLineClassifier } from "../../lib/models/bert/bert-line-classifier.js";
import { tinyEncoder } from "../models/bert/text-encoder-fixtures.js";
import { runCli } from "./cli-helpers.js";

describe("loglab classify (BERT line classifiers, lib/cli/classify-bert.ts)", () => {
  const dir = mkdtempSync(join(tmpdir(), "loglab-classify-"));
  const model = join(dir, "model");
  const input = join(dir, "ssh.log");
  beforeAll(async () => {
    const { encoder, lines } = await tinyEncoder();
    const clf = await BertLineClassifier.fit("bert-hybrid", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 1, classes: lines.classes, params: { epochs: 1, headUnits: 8, hashBuckets: 4, patience: 0 } });
    await clf.save(model);
    clf.dispose();
    const raw = readFileSync(loghubLogPath("OpenSSH"), "utf8").split("\n").slice(0, 12);
    writeFileSync(input, [...raw.slice(0, 5), "", "garbage line", ...raw.slice(5)].join("\n") + "\n");
  }, 60_000);
  it("prints line, log type, template, class, confidence and every class's probability", async () => {
    const r = await runCli(["classify", "--model", model, "--input", input]);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split("\n");
    expect(rows[0]!.split("\t")).toEqual(["line", "log_type", "template", "class", "confidence", "p_normal", "p_security", "p_system_failure", "p_performance", "p_network", "p_config", "p_hardware"]);
    expect(rows).toHaveLength(13);
    const first = rows[1]!.split("\t");
    expect(first[0]).toBe("1");
    expect(first[1]).toBe("OpenSSH");
    expect(rows.map((l) => l.split("\t")[0]).slice(1)).toEqual(["1", "2", "3", "4", "5", "8", "9", "10", "11", "12", "13", "14"]);
    expect(r.err).toMatch(/:6: rejected \(empty line\)/);
    expect(r.err).toMatch(/:7: rejected \(header does not match format OpenSSH\)/);
    expect(r.err).toMatch(/classified 12 lines .* with bert-hybrid; 2 rejected/);
  }, 60_000);
  it("writes JSON lines with --jsonl and takes --format", async () => {
    const r = await runCli(["classify", "--model", model, "--input", input, "--format", "OpenSSH", "--jsonl"]);
    expect(r.code).toBe(0);
    const first = JSON.parse(r.out.split("\n")[0]!);
    expect(first).toMatchObject({ lineNo: 1, logType: "OpenSSH" });
    expect(Object.keys(first.probabilities)).toHaveLength(7);
  }, 60_000);
  it("errors clearly on a folder that is not a classifier, a missing input, and a bad format", async () => {
    expect((await runCli(["classify", "--model", dir, "--input", input])).err).toMatch(/--model .*classifier\.json is missing/);
    expect((await runCli(["classify", "--model", model, "--input", join(dir, "none.log")])).err).toMatch(/no such file/);
    expect((await runCli(["classify", "--model", model, "--input", input, "--format", "nope"])).code).toBe(2);
  });
});
