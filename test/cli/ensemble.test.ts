import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsvRows } from "../../lib/io/csv.js";
import type { LabelTable } from "../../lib/models/ensemble/label-table.js";
import { runCli } from "./cli-helpers.js";

/** Small slices of the shipped HDFS key files (data/hdfs-deeplog): normal training, abnormal validation, a labelled test part. */
function hdfsSlices(dir: string) {
  const lines = (f: string) => readFileSync(join("data", "hdfs-deeplog", f), "utf8").split("\n").filter((l) => l.trim() !== "");
  const train = lines("hdfs_train");
  const abn = lines("hdfs_test_abnormal_dev");
  const put = (name: string, ls: string[]) => {
    const p = join(dir, name);
    writeFileSync(p, ls.join("\n") + "\n");
    return p;
  };
  return { normal: put("normal", train.slice(0, 600)), abnormal: put("abnormal", abn.slice(0, 150)), testNormal: put("test_normal", train.slice(-300)), testAbnormal: put("test_abnormal", abn.slice(-100)) };
}

const csv = (p: string) => {
  const [header, ...rows] = parseCsvRows(readFileSync(p, "utf8"));
  return { header: header!, rows, col: (name: string) => header!.indexOf(name) };
};

describe("loglab ensemble on HDFS key files (tiny models)", () => {
  const dir = mkdtempSync(join(tmpdir(), "loglab-ensemble-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const f = hdfsSlices(dir);
  const lstm = join(dir, "lstm");
  const bert = join(dir, "bert");
  const out = join(dir, "out");
  let run: { code: number; out: string; err: string };

  beforeAll(async () => {
    const a = await runCli(["train", "dual-lstm", "--normal", f.normal, "--abnormal", f.abnormal, "--params", '{"hiddenUnits": 16, "layers": 1, "embeddingDim": 8, "epochs": 3}', "--out", lstm]);
    expect(a.code, a.err).toBe(0);
    const b = await runCli(["train", "logbert-severity", "--normal", f.normal, "--abnormal", f.abnormal, "--params", '{"hiddenSize": 16, "blocks": 1, "heads": 2, "ffnDim": 32, "epochs": 3}', "--out", bert]);
    expect(b.code, b.err).toBe(0);
    run = await runCli(["ensemble", "--frequent-model", lstm, "--semantic-model", bert, "--normal", f.normal, "--input", f.testNormal, "--abnormal", f.testAbnormal, "--out", out]);
  }, 90_000);

  it("writes every output and prints the label table", () => {
    expect(run.code, run.err).toBe(0);
    for (const file of ["sessions.csv", "lines.csv", "label-table.json", "label-table.md", "triage-queue.csv", "triage-queue.json", "ensemble.json", "manifest.json"]) expect(existsSync(join(out, file)), file).toBe(true);
    expect(run.out).toMatch(/\| label \| sessions \| lines \| real anomalies \| precision \|/);
    expect(run.out).toMatch(/\| Danger \|/);
    expect(run.err).not.toMatch(/warning/);
  });

  it("warns when --normal is not the file the models were trained on", async () => {
    const r = await runCli(["ensemble", "--frequent-model", lstm, "--semantic-model", bert, "--normal", f.testNormal, "--input", f.testAbnormal, "--out", join(dir, "other-normal")]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: --frequent-model was trained on .*normal, not on --normal/);
  }, 30_000);

  it("labels every session and line once; counts add up to the input", () => {
    const s = csv(join(out, "sessions.csv"));
    expect(s.rows).toHaveLength(400);
    const labels = new Set(s.rows.map((r) => r[s.col("label")]));
    for (const l of labels) expect(["Danger", "Watch Out", "Normal"]).toContain(l);
    const l = csv(join(out, "lines.csv"));
    const nLines = [...readFileSync(f.testNormal, "utf8").split("\n"), ...readFileSync(f.testAbnormal, "utf8").split("\n")].filter((x) => x.trim()).reduce((a, x) => a + x.trim().split(/\s+/).length, 0);
    expect(l.rows).toHaveLength(nLines);
    const t = JSON.parse(readFileSync(join(out, "label-table.json"), "utf8")) as LabelTable;
    expect(t.sessions).toBe(400);
    expect(t.rows.reduce((a, r) => a + r.sessions, 0)).toBe(400);
    expect(t.rows.reduce((a, r) => a + r.lines, 0)).toBe(nLines);
    expect(t.anomalies).toBe(100);
  });

  it("computes each label's precision from the ground truth", () => {
    const s = csv(join(out, "sessions.csv"));
    const t = JSON.parse(readFileSync(join(out, "label-table.json"), "utf8")) as LabelTable;
    for (const row of t.rows) {
      const mine = s.rows.filter((r) => r[s.col("label")] === row.label);
      const real = mine.filter((r) => r[s.col("truth")] === "1").length;
      expect(row.sessions).toBe(mine.length);
      expect(row.anomalous).toBe(real);
      expect(row.precision).toBe(mine.length ? real / mine.length : null);
    }
    // Something is flagged, and Normal is mostly normal sessions.
    expect(t.rows[0]!.sessions + t.rows[1]!.sessions).toBeGreaterThan(0);
    expect(t.rows[2]!.precision!).toBeLessThan(0.5);
  });

  it("session labels follow their lines: a session is its worst line, with that line's rule", () => {
    const s = csv(join(out, "sessions.csv"));
    const l = csv(join(out, "lines.csv"));
    const worst = new Map<string, string>();
    const rank = { Danger: 0, "Watch Out": 1, Normal: 2 } as Record<string, number>;
    for (const r of l.rows) {
      const k = r[l.col("session")]!;
      const lab = r[l.col("label")]!;
      if (!worst.has(k) || rank[lab]! < rank[worst.get(k)!]!) worst.set(k, lab);
      // the rule family matches the part
      expect(r[l.col("rule")]!.startsWith(r[l.col("part")]!)).toBe(true);
    }
    let short = 0;
    for (const r of s.rows) {
      const w = worst.get(r[s.col("session")]!) ?? "Normal";
      if (r[s.col("rule")] === "session: shorter than every normal training session") {
        // the session rule: all lines Normal, the session shorter than any normal training session (13 keys on HDFS)
        short++;
        expect(w).toBe("Normal");
        expect(r[s.col("label")]).toBe("Watch Out");
        expect(Number(r[s.col("lines")])).toBeLessThan(13);
      } else expect(r[s.col("label")]).toBe(w);
    }
    expect(short).toBeGreaterThan(0); // HDFS's 2–3-key abnormal sessions
  });

  it("writes a triage queue covering every Watch Out line, grouped by template, ranked", () => {
    const l = csv(join(out, "lines.csv"));
    const watch = l.rows.filter((r) => r[l.col("label")] === "Watch Out");
    const q = csv(join(out, "triage-queue.csv"));
    expect(q.rows.reduce((a, r) => a + Number(r[q.col("count")]), 0)).toBe(watch.length);
    expect(new Set(q.rows.map((r) => r[q.col("key")])).size).toBe(q.rows.length);
    const pr = q.rows.map((r) => Number(r[q.col("priority")]));
    expect(pr).toEqual([...pr].sort((a, b) => b - a));
    if (q.rows.length) expect(q.rows[0]![q.col("example_1")]).toMatch(/test_(ab)?normal:\d+#\d+$/);
  });

  it("chose its thresholds on the validation part of --normal, and records them", () => {
    const e = JSON.parse(readFileSync(join(out, "ensemble.json"), "utf8")) as { normal: { trainingSessions: number; validationSessions: number }; calibration: { thresholds: { lstmG: number; bertG: number; watchCutoff: number; dangerCutoff: number }; validationSessions: number } };
    expect(e.normal).toMatchObject({ trainingSessions: 480, validationSessions: 120 });
    expect(e.calibration.validationSessions).toBe(120);
    const t = e.calibration.thresholds;
    expect(t.lstmG).toBeGreaterThanOrEqual(1);
    expect(t.bertG).toBeGreaterThanOrEqual(1);
    expect(t.dangerCutoff).toBeGreaterThanOrEqual(t.watchCutoff);
  });

  it("refuses a model of the wrong kind, and an existing output without --force", async () => {
    const wrong = await runCli(["ensemble", "--frequent-model", bert, "--semantic-model", bert, "--normal", f.normal, "--input", f.testNormal, "--out", join(dir, "wrong")]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/holds a logbert-severity model; expected dual-lstm/);
    const again = await runCli(["ensemble", "--frequent-model", lstm, "--semantic-model", bert, "--normal", f.normal, "--input", f.testNormal, "--out", out]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--force/);
    const rule = await runCli(["ensemble", "--frequent-model", lstm, "--semantic-model", bert, "--normal", f.normal, "--input", f.testNormal, "--out", join(dir, "rule"), "--unseen-templates", "never"]);
    expect(rule.code).toBe(2);
    expect(rule.err).toMatch(/--unseen-templates never: expected watch or distance/);
  }, 30_000);

  it("--llm-review sends the first groups to the chat endpoint named by LOGLAB_LLM_URL", async () => {
    const bodies: { model: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        bodies.push(JSON.parse(body));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { content: '{"verdict": "normal", "reason": "routine"}' } }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const saved = { ...process.env };
    process.env.LOGLAB_LLM_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.LOGLAB_LLM_MODEL = "local-test";
    try {
      const r = await runCli(["ensemble", "--frequent-model", lstm, "--semantic-model", bert, "--normal", f.normal, "--input", f.testNormal, "--abnormal", f.testAbnormal, "--llm-review", "2", "--out", join(dir, "llm-on")]);
      expect(r.code, r.err).toBe(0);
      const groups = (JSON.parse(readFileSync(join(dir, "llm-on", "triage-queue.json"), "utf8")) as unknown[]).length;
      const rev = JSON.parse(readFileSync(join(dir, "llm-on", "llm-review.json"), "utf8")) as { model: string; reviews: { verdict: string; rank: number }[] };
      expect(rev.model).toBe("local-test");
      expect(rev.reviews.map((x) => x.rank)).toEqual([1, 2].slice(0, Math.min(2, groups)));
      expect(rev.reviews.every((x) => x.verdict === "normal")).toBe(true);
      expect(bodies).toHaveLength(Math.min(2, groups));
      expect(bodies.every((b) => b.model === "local-test")).toBe(true);
    } finally {
      process.env = saved;
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 30_000);

  it("refuses --llm-review without LOGLAB_LLM_URL (the hook is off by default)", async () => {
    const saved = process.env.LOGLAB_LLM_URL;
    delete process.env.LOGLAB_LLM_URL;
    try {
      const r = await runCli(["ensemble", "--frequent-model", lstm, "--semantic-model", bert, "--normal", f.normal, "--input", f.testNormal, "--llm-review", "2", "--out", join(dir, "llm")]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/LOGLAB_LLM_URL/);
    } finally {
      if (saved !== undefined) process.env.LOGLAB_LLM_URL = saved;
    }
  });
});

describe("loglab ensemble on a `loglab sessions` folder (raw HDFS lines)", () => {
  const dir = mkdtempSync(join(tmpdir(), "loglab-ensemble-raw-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const raw = join("data", "logai-raw", "HDFS_20000.log");
  const sessions = join(dir, "sessions");
  const out = join(dir, "out");
  let run: { code: number; out: string; err: string };

  beforeAll(async () => {
    const s = await runCli(["sessions", "--format", "HDFS", "--input", raw, "--session-id", "blk_-?\\d+", "--out", sessions, "--no-progress"]);
    expect(s.code, s.err).toBe(0);
    const keys = join(sessions, "sessions.keys");
    const a = await runCli(["train", "dual-lstm", "--normal", keys, "--params", '{"hiddenUnits": 8, "layers": 1, "embeddingDim": 4, "epochs": 2}', "--out", join(dir, "lstm")]);
    expect(a.code, a.err).toBe(0);
    const b = await runCli(["train", "logbert-severity", "--normal", keys, "--params", '{"hiddenSize": 8, "blocks": 1, "heads": 2, "ffnDim": 16, "epochs": 2}', "--out", join(dir, "bert")]);
    expect(b.code, b.err).toBe(0);
    run = await runCli(["ensemble", "--frequent-model", join(dir, "lstm"), "--semantic-model", join(dir, "bert"), "--normal", keys, "--input", sessions, "--watch-fpr", "0.05", "--out", out]);
  }, 90_000);

  it("traces lines to raw file:line with their text, and names templates", () => {
    expect(run.code, run.err).toBe(0);
    const rawLines = readFileSync(raw, "utf8").split("\n");
    const l = csv(join(out, "lines.csv"));
    const n = readFileSync(join(sessions, "sessions.keys"), "utf8").trim().split("\n").reduce((a, x) => a + x.trim().split(/\s+/).length, 0);
    expect(l.rows).toHaveLength(n);
    expect(l.rows[0]![l.col("ref")]).toBe(`${raw}:1`);
    const s = csv(join(out, "sessions.csv"));
    expect(s.rows[0]![s.col("source")]).toMatch(/^blk_-?\d+$/);
    expect(s.rows.every((r) => r[s.col("truth")] === "")).toBe(true); // no ground truth here
    const t = JSON.parse(readFileSync(join(out, "label-table.json"), "utf8")) as LabelTable;
    expect(t.anomalies).toBeNull();
    expect(t.rows.every((r) => r.precision === null)).toBe(true);
    const q = JSON.parse(readFileSync(join(out, "triage-queue.json"), "utf8")) as { template: string | null; examples: { ref: string; text?: string }[] }[];
    expect(q.length).toBeGreaterThan(0);
    for (const g of q) {
      expect(g.template).toBeTruthy();
      for (const e of g.examples) {
        const m = /:(\d+)$/.exec(e.ref)!;
        expect(e.text).toBe(rawLines[Number(m[1]) - 1]);
      }
    }
  });
});
