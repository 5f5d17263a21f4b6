import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "sessions-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HDFS = "data/loghub-2k/HDFS/HDFS_2k.log";
const BGL = "data/loghub-2k/BGL/BGL_2k.log";

function loglab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync("node", ["bin/loglab.mjs", ...args], { encoding: "utf8", timeout: 120_000 });
}

function csv(path: string): string[][] {
  return readFileSync(path, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
}

describe("loglab sessions", () => {
  it("builds one HDFS session per block id, traceable to every raw line", () => {
    const out = join(dir, "hdfs");
    const r = loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", out, "--session-id", "blk_-?\\d+", "--no-progress");
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

  it("keeps keys stable when a later run starts from the training map", () => {
    const train = join(dir, "hdfs");
    const again = join(dir, "hdfs-again");
    const r = loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", again, "--session-id", "blk_-?\\d+", "--keys", join(train, "keys.csv"), "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(again, "sessions.keys"), "utf8")).toBe(readFileSync(join(train, "sessions.keys"), "utf8"));
    expect(JSON.parse(readFileSync(join(again, "sessions-summary.json"), "utf8")).newKeys).toEqual([]);
  }, 120_000);

  it("labels BGL windows from the alert column: a window is abnormal when any line is", () => {
    const out = join(dir, "bgl");
    const r = loglab("sessions", "--format", "BGL", "--input", BGL, "--out", out, "--window", "20", "--label-field", "Label", "--normal-value", "-", "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    const alerts = readFileSync(BGL, "utf8").split(/\r?\n/).filter((l) => l !== "").map((l) => (l.startsWith("- ") ? 0 : 1));
    let expected = 0;
    for (let s = 0; s < alerts.length; s += 20) if (alerts.slice(s, s + 20).includes(1)) expected++;
    const abnormal = readFileSync(join(out, "sessions_abnormal.keys"), "utf8").trim().split("\n").length;
    const normal = readFileSync(join(out, "sessions_normal.keys"), "utf8").trim().split("\n").length;
    expect(abnormal).toBe(expected);
    expect(normal + abnormal).toBe(100);
  }, 120_000);

  it("rejects a missing or double windowing choice and a bad regex", () => {
    expect(loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "x")).status).toBe(2);
    const two = loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "x"), "--window", "5", "--time-window", "60");
    expect(two.status).toBe(2);
    expect(two.stderr).toContain("exactly one of --session-id, --window, --time-window");
    const bad = loglab("sessions", "--format", "HDFS", "--input", HDFS, "--out", join(dir, "x"), "--session-id", "blk_(");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--session-id is not a valid regular expression");
  }, 120_000);
});
