import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

const dir = mkdtempSync(join(tmpdir(), "train-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function labelsOf(csv: string): Map<number, number> {
  return new Map(readFileSync(csv, "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number) as [number, number]));
}

describe("loglab train --config / infer / detect on raw logs", () => {
  it("trains a token-level GRU on synthetic text with log-trained embeddings; infer prints line, score, label", async () => {
    expect((await runCli(["synth", "--out", join(dir, "s.log"), "--lines", "600", "--anomaly-ratio", "0.1"])).code).toBe(0);
    writeFileSync(join(dir, "text.yaml"), "model: lstm\ninput: { kind: text-lines, path: s.log, maxTokens: 20 }\nembeddings: trained\nword2vec: { epochs: 2 }\nparams: { epochs: 12, hiddenUnits: 8, earlyStoppingPatience: 0 }\n");
    const t = await runCli(["train", "--config", join(dir, "text.yaml"), "--model", "gru", "--out", join(dir, "m-text")]);
    expect(t.err).not.toMatch(/loglab train:/);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/trained gru on text-lines .*600 items/);
    expect(t.out).toMatch(/embeddings: skip-gram trained on the training lines, 32 dimensions/);
    expect(existsSync(join(dir, "m-text", "raw-input.json"))).toBe(true);
    expect((await runCli(["synth", "--out", join(dir, "s2.log"), "--lines", "100", "--anomaly-ratio", "0.2", "--seed", "3"])).code).toBe(0);
    const r = await runCli(["infer", "--model", join(dir, "m-text"), "--input", join(dir, "s2.log")]);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split("\n").map((l) => l.split("\t"));
    expect(rows).toHaveLength(100);
    expect(rows.map((x) => Number(x[0]))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const truth = labelsOf(join(dir, "s2.log.labels.csv"));
    const hits = rows.filter((x) => x[2] === "1" && truth.get(Number(x[0])) === 1).length;
    expect(hits).toBeGreaterThanOrEqual(15); // of 20 anomalous lines (chance: about 4)
    expect(r.err).toMatch(/100 items scored/);
  });
  it("trains dense-ae on a synthetic access log; detect reads an access log and rejects bad lines with a count", async () => {
    expect((await runCli(["synth", "--out", join(dir, "a.log"), "--format", "access-combined", "--lines", "1500", "--anomaly-ratio", "0.1"])).code).toBe(0);
    writeFileSync(join(dir, "http.json"), JSON.stringify({ model: "dense-ae", input: { kind: "http-access", path: "a.log" }, params: { epochs: 15 } }));
    const t = await runCli(["train", "--config", join(dir, "http.json"), "--out", join(dir, "m-http")]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/trained dense-ae on http-access/);
    const probe = join(dir, "probe.log");
    const a = readFileSync(join(dir, "a.log"), "utf8").split("\n").slice(0, 5);
    writeFileSync(probe, [...a, "not a request", ""].join("\n"));
    const d = await runCli(["detect", "--model", join(dir, "m-http"), "--input", probe]);
    expect(d.code).toBe(0);
    expect(d.out.trim().split("\n")).toHaveLength(5);
    expect(d.err).toMatch(/5 requests scored.*1 lines rejected \(not an access-log line/);
  });
  it("trains on a labelled access log given as CSV (line, label, attack_type columns)", async () => {
    expect((await runCli(["synth", "--out", join(dir, "c.log"), "--format", "access-combined", "--lines", "800", "--anomaly-ratio", "0.1", "--seed", "5"])).code).toBe(0);
    const lines = readFileSync(join(dir, "c.log"), "utf8").trim().split("\n");
    const labels = readFileSync(join(dir, "c.log.labels.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const q = (x: string): string => `"${x.replace(/"/g, '""')}"`;
    writeFileSync(join(dir, "web.csv"), ["line,label,attack_type", ...lines.map((l, i) => `${q(l)},${labels[i]![1]},${labels[i]![2]}`)].join("\n") + "\n");
    writeFileSync(join(dir, "csv.json"), JSON.stringify({ model: "dense-ae", input: { kind: "http-access", path: "web.csv" }, params: { epochs: 5 } }));
    const t = await runCli(["train", "--config", join(dir, "csv.json"), "--out", join(dir, "m-csv")]);
    expect(t.err).not.toMatch(/loglab train:/);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/trained dense-ae on http-access .*web\.csv: 800 items/);
  });
  it("config errors are one line naming the file and the key; infer refuses a key-file model", async () => {
    writeFileSync(join(dir, "bad.yaml"), "model: lstm\ninput: { kind: text-lines, path: s.log }\nepochz: 3\n");
    const b = await runCli(["train", "--config", join(dir, "bad.yaml"), "--out", join(dir, "x")]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/bad.yaml: unknown key "epochz"/);
    writeFileSync(join(dir, "bad2.yaml"), "input: { kind: csv, path: s.log }\n");
    expect((await runCli(["train", "lstm", "--config", join(dir, "bad2.yaml"), "--out", join(dir, "x")])).err).toMatch(/input.kind must be text-lines or http-access/);
    const e = await runCli(["train", "lstm", "--config", join(dir, "text.yaml"), "--normal", "x", "--out", join(dir, "x")]);
    expect(e.err).toMatch(/--normal does not go with --config/);
  });
});
