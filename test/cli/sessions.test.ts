import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "sessions-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HDFS = "data/loghub-2k/HDFS/HDFS_2k.log";
const BGL = "data/loghub-2k/BGL/BGL_2k.log";

/** Runs the CLI without blocking the test worker (a chain of spawnSync calls starved vitest's RPC on a loaded machine). */
function loglab(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn("node", ["bin/loglab.mjs", ...args]);
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d) => (stdout += String(d)));
    c.stderr.on("data", (d) => (stderr += String(d)));
    c.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

function csv(path: string): string[][] {
  return readFileSync(path, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
}

describe("loglab sessions", () => {
  it("builds one HDFS session per block id, traceable to every raw line", async () => {
    const out = join(dir, "hdfs");
    const r = await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", out, "--session-id", "blk_-?\\d+", "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    const raw = readFileSync(HDFS, "utf8").split(/\r?\n/);
    const blocks = new Set(raw.flatMap((l) => l.match(/blk_-?\d+/g) ?? []));
    const keys = readFileSync(join(out, "sessions.keys"), "utf8").trim().split("\n");
    expect(keys.length).toBe(blocks.size);
    const index = csv(join(out, "sessions.csv"));
    expect(new Set(index.map((r) => r[1]))).toEqual(blocks);
    // Every event of every session is listed with its raw line, and that line names the block.
    const lines = csv(join(out, "session-lines.csv"));
    expect(lines.length).toBe(keys.reduce((a, k) => a + k.split(" ").length, 0));
    for (const [session, , lineNo] of lines.slice(0, 300)) {
      const id = index[Number(session) - 1]![1]!;
      expect(raw[Number(lineNo) - 1]).toContain(id);
    }
    const summary = JSON.parse(readFileSync(join(out, "sessions-summary.json"), "utf8"));
    expect(summary).toMatchObject({ lines: 2000, parsed: 2000, sessions: blocks.size, linesNotInAnySession: 0 });
  }, 120_000);

  it("keeps keys stable when a later run starts from the training map", async () => {
    const train = join(dir, "hdfs");
    const again = join(dir, "hdfs-again");
    const r = await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", again, "--session-id", "blk_-?\\d+", "--keys", join(train, "keys.csv"), "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(again, "sessions.keys"), "utf8")).toBe(readFileSync(join(train, "sessions.keys"), "utf8"));
    expect(JSON.parse(readFileSync(join(again, "sessions-summary.json"), "utf8")).newKeys).toEqual([]);
  }, 120_000);

  it("labels BGL windows from the alert column: a window is abnormal when any line is", async () => {
    const out = join(dir, "bgl");
    const r = await loglab("sessions", "--format", "BGL", "--input", BGL, "--out", out, "--window", "20", "--label-field", "Label", "--normal-value", "-", "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    const alerts = readFileSync(BGL, "utf8").split(/\r?\n/).filter((l) => l !== "").map((l) => (l.startsWith("- ") ? 0 : 1));
    let expected = 0;
    for (let s = 0; s < alerts.length; s += 20) if (alerts.slice(s, s + 20).includes(1)) expected++;
    const abnormal = readFileSync(join(out, "sessions_abnormal.keys"), "utf8").trim().split("\n").length;
    const normal = readFileSync(join(out, "sessions_normal.keys"), "utf8").trim().split("\n").length;
    expect(abnormal).toBe(expected);
    expect(normal + abnormal).toBe(100);
  }, 120_000);

  it("rejects a missing or double windowing choice and a bad regex", async () => {
    expect((await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "x"))).status).toBe(2);
    const two = await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "x"), "--window", "5", "--time-window", "60");
    expect(two.status).toBe(2);
    expect(two.stderr).toContain("exactly one of --session-id, --window, --time-window");
    const bad = await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "x"), "--session-id", "blk_(");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--session-id is not a valid regular expression");
  }, 120_000);

  // Issue 10, case 2: windows whose step exceeds their size placed 10 (count) and 1 (time) of 20
  // lines, yet reported "0 lines rejected or not placed" and left those templates out of keys.csv.
  it("accounts for every input line: each is in a session or in rejects.csv with its reason; every template gets a key", async () => {
    const L = join(dir, "L.log");
    writeFileSync(L, readFileSync(HDFS, "utf8").split(/\r?\n/).slice(0, 20).join("\n") + "\n");
    const cases: [string, string[], RegExp][] = [
      ["count", ["--window", "5:10"], /between count windows \(--window 5:10/],
      ["time", ["--time-window", "10:600"], /between time windows \(--time-window 10:600/],
    ];
    for (const [name, flags, reason] of cases) {
      const out = join(dir, `gap-${name}`);
      const r = await loglab("sessions", "--format", "HDFS", "--input", L, "--out", out, ...flags, "--no-progress");
      expect(r.status, r.stderr).toBe(0);
      const placed = csv(join(out, "session-lines.csv")).map((l) => Number(l[2]));
      const rejected = csv(join(out, "rejects.csv"));
      for (const rj of rejected) expect(rj[2], name).toMatch(reason);
      const seen = new Set([...placed, ...rejected.map((l) => Number(l[1]))]);
      expect([...seen].sort((a, b) => a - b), name).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(rejected.length, name).toBe(20 - new Set(placed).size);
      expect(rejected.length, name).toBeGreaterThan(0);
      const summary = JSON.parse(readFileSync(join(out, "sessions-summary.json"), "utf8"));
      expect(summary.linesNotInAnySession, name).toBe(rejected.length);
      expect(r.stdout, name).toContain(`${rejected.length} lines rejected or not placed`);
      // Every template of the 20 parsed lines has a key, placed or not.
      const parsed = await loglab("parse", "--format", "HDFS", "--input", L, "--out", join(dir, `gap-parse-${name}`), "--no-progress");
      expect(parsed.status, parsed.stderr).toBe(0);
      const templates = csv(join(dir, `gap-parse-${name}`, "L.log_templates.csv")).map((t) => t[0]);
      const keyed = csv(join(out, "keys.csv")).map((k) => k[1]);
      expect(new Set(keyed), name).toEqual(new Set(templates));
    }
  }, 240_000);

  it("refuses an existing output without --force and a state mined with another --mode", async () => {
    const out = join(dir, "hdfs-twice");
    expect((await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", out, "--session-id", "blk_-?\\d+", "--no-progress")).status).toBe(0);
    const again = await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", out, "--session-id", "blk_-?\\d+", "--no-progress");
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/holds an earlier `loglab sessions` output; add --force/);
    const state = join(dir, "s-state.json");
    expect((await loglab("parse", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "s-parse"), "--state", state, "--no-progress")).status).toBe(0);
    const r = await loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "s-out"), "--session-id", "blk_-?\\d+", "--state", state, "--mode", "drain", "--no-progress");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/was mined with other settings: mode \(state: loglab; --mode: drain\)/);
    expect(existsSync(join(dir, "s-out"))).toBe(false);
  }, 120_000);
});
