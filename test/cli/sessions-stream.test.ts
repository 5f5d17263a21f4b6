import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `loglab sessions` by session id streams (lib/cli/sessions-streamed.ts). Its files must be byte
 * for byte those the in-memory implementation wrote before: test/cli/sessions-golden/golden-sha256.json
 * holds the SHA-256 of each file that version wrote for the three runs below (the summary with its
 * absolute keyMap path written as OUT). Also: sessions by header field, and the idle timeout.
 */
const dir = mkdtempSync(join(tmpdir(), "sessions-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GOLDEN = "test/cli/sessions-golden";
const SSH = "data/loghub-2k/OpenSSH/OpenSSH_2k.log";

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

function csvRows(path: string): string[][] {
  return readFileSync(path, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
}

const RUNS: Record<string, string[]> = {
  hdfs: ["--format", "HDFS", "--input", "data/loghub-2k/HDFS/HDFS_2k.log", "--session-id", "blk_-?\\d+"],
  // Two files, the first sorting after the second (rejects.csv is by file name), with parse rejects and lines without a block.
  mixed: ["--format", "HDFS", "--input", `${GOLDEN}/mixed.log`, "data/loghub-2k/HDFS/HDFS_2k.log", "--session-id", "blk_-?\\d+"],
  // Labels, lines in two sessions, lines in none.
  bgl: ["--format", "BGL", "--input", "data/loghub-2k/BGL/BGL_2k.log", "--session-id", "\\d+\\.\\d+\\.\\d+\\.\\d+|core\\.\\d+", "--label-field", "Label", "--normal-value", "-"],
};

describe("loglab sessions, streamed", () => {
  const golden = JSON.parse(readFileSync(join(GOLDEN, "golden-sha256.json"), "utf8")) as Record<string, Record<string, string>>;
  for (const [name, args] of Object.entries(RUNS)) {
    it(`writes the same bytes as the in-memory version did (${name})`, async () => {
      const out = join(dir, name);
      const r = await loglab("sessions", ...args, "--out", out, "--no-progress");
      expect(r.status, r.stderr).toBe(0);
      const files = readdirSync(out).filter((f) => f !== "manifest.json").sort();
      expect(files).toEqual(Object.keys(golden[name]!).sort());
      for (const f of files) {
        let bytes = readFileSync(join(out, f));
        if (f === "sessions-summary.json") bytes = Buffer.from(bytes.toString("utf8").split(out).join("OUT"));
        expect(createHash("sha256").update(bytes).digest("hex"), `${name}/${f}`).toBe(golden[name]![f]);
      }
    }, 120_000);
  }

  it("groups sshd lines by the Pid header field", async () => {
    const out = join(dir, "ssh-pid");
    const r = await loglab("sessions", "--format", "OpenSSH", "--input", SSH, "--out", out, "--session-field", "Pid", "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    const raw = readFileSync(SSH, "utf8").split("\n");
    const pids = new Set(raw.filter(Boolean).map((l) => /sshd\[(\d+)\]/.exec(l)![1]!));
    const index = csvRows(join(out, "sessions.csv"));
    expect(new Set(index.map((row) => row[1]))).toEqual(pids);
    expect(index.length).toBe(pids.size);
    for (const [session, , lineNo] of csvRows(join(out, "session-lines.csv"))) {
      expect(raw[Number(lineNo) - 1]).toContain(`sshd[${index[Number(session) - 1]![1]}]`);
    }
    expect(JSON.parse(readFileSync(join(out, "sessions-summary.json"), "utf8")).windowing).toEqual({ kind: "session", field: "Pid" });
  }, 120_000);

  it("combines the field with a content regex: a session is the pair", async () => {
    const out = join(dir, "ssh-pid-user");
    const r = await loglab("sessions", "--format", "OpenSSH", "--input", SSH, "--out", out, "--session-field", "Pid", "--session-id", "user \\w+", "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    const raw = readFileSync(SSH, "utf8").split("\n");
    const index = csvRows(join(out, "sessions.csv"));
    for (const [session, , lineNo] of csvRows(join(out, "session-lines.csv"))) {
      const [pid, user] = index[Number(session) - 1]![1]!.split("|");
      expect(raw[Number(lineNo) - 1]).toContain(`sshd[${pid}]`);
      expect(raw[Number(lineNo) - 1]).toContain(user);
    }
    const rejects = csvRows(join(out, "rejects.csv"));
    expect(rejects.length).toBeGreaterThan(0);
    expect(rejects.every((row) => row[2] === "no session id matching /user \\w+/")).toBe(true);
    expect(rejects.length + csvRows(join(out, "session-lines.csv")).length).toBeGreaterThanOrEqual(2000);
  }, 120_000);

  it("closes a session idle for longer than --session-timeout; a later line with its id starts a new one", async () => {
    const out = join(dir, "ssh-timeout");
    const r = await loglab("sessions", "--format", "OpenSSH", "--input", SSH, "--out", out, "--session-field", "Pid", "--session-timeout", "5", "--assume-year", "2024", "--no-progress");
    expect(r.status, r.stderr).toBe(0);
    const raw = readFileSync(SSH, "utf8").split("\n");
    const time = (lineNo: number): number => Date.parse(`2024 ${raw[lineNo - 1]!.slice(0, 15)} UTC`);
    const byPid = new Map<string, { first: number; last: number }[]>();
    const lines = new Map<number, number[]>();
    for (const [session, , lineNo] of csvRows(join(out, "session-lines.csv"))) {
      const s = Number(session);
      if (!lines.has(s)) lines.set(s, []);
      lines.get(s)!.push(Number(lineNo));
    }
    const index = csvRows(join(out, "sessions.csv"));
    for (const [session, id] of index) {
      const ls = lines.get(Number(session))!;
      for (let i = 1; i < ls.length; i++) expect(time(ls[i]!) - time(ls[i - 1]!)).toBeLessThanOrEqual(5000);
      if (!byPid.has(id!)) byPid.set(id!, []);
      byPid.get(id!)!.push({ first: ls[0]!, last: ls[ls.length - 1]! });
    }
    let split = 0;
    for (const parts of byPid.values()) {
      parts.sort((a, b) => a.first - b.first);
      for (let i = 1; i < parts.length; i++) {
        expect(time(parts[i]!.first) - time(parts[i - 1]!.last)).toBeGreaterThan(5000);
        split++;
      }
    }
    expect(split).toBeGreaterThan(0);
    expect(index.length).toBe(byPid.size + split);
    const summary = JSON.parse(readFileSync(join(out, "sessions-summary.json"), "utf8"));
    expect(summary.windowing).toMatchObject({ kind: "session", field: "Pid", timeoutSeconds: 5 });
    expect(summary.sessions).toBe(index.length);
  }, 120_000);

  it("explains a timeout without timestamps, a field the format lacks, and bad flags", async () => {
    const noYear = await loglab("sessions", "--format", "OpenSSH", "--input", SSH, "--out", join(dir, "x"), "--session-field", "Pid", "--session-timeout", "5", "--no-progress");
    expect(noYear.status).toBe(1);
    expect(noYear.stderr).toContain("no timestamp (--session-timeout needs one); a format whose dates have no year needs --assume-year");
    const noField = await loglab("sessions", "--format", "OpenSSH", "--input", SSH, "--out", join(dir, "x"), "--session-field", "Nope", "--no-progress");
    expect(noField.status).toBe(1);
    expect(noField.stderr).toContain(`${SSH}:1: no header field "Nope" (fields: Date, Day, Time, Component, Pid)`);
    const badTimeout = await loglab("sessions", "--format", "OpenSSH", "--input", SSH, "--out", join(dir, "x"), "--session-field", "Pid", "--session-timeout", "-3");
    expect(badTimeout.status).toBe(2);
    expect(badTimeout.stderr).toContain("--session-timeout needs a positive number of seconds");
    const withWindow = await loglab("sessions", "--format", "OpenSSH", "--input", SSH, "--out", join(dir, "x"), "--window", "5", "--session-timeout", "3");
    expect(withWindow.status).toBe(2);
    expect(withWindow.stderr).toContain("--session-timeout goes with --session-id or --session-field");
  }, 120_000);
});
