import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadMinerState } from "../../lib/parse/drain/state-store.js";
import { anomalousSession, normalSession } from "../live/hdfs-lines.js";
import { hdfsDetectorFolder } from "../live/detector-fixture.js";
import { runCli } from "./cli-helpers.js";

/** A `loglab tail` child process and what it has written so far. */
const running = new Set<TailProcess>();

class TailProcess {
  out = "";
  err = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ["bin/loglab.mjs", "tail", ...args], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => (this.out += d.toString()));
    this.child.stderr!.on("data", (d: Buffer) => (this.err += d.toString()));
    this.exited = new Promise((done) => this.child.on("exit", (code, signal) => done({ code, signal })));
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  /** Waits until stdout or stderr (as named) matches, or fails naming what it has seen. */
  async waitFor(stream: "out" | "err", re: RegExp, ms = 20_000): Promise<void> {
    const until = Date.now() + ms;
    while (!re.test(this[stream])) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re} on std${stream}\n--- stdout\n${this.out}\n--- stderr\n${this.err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  kill(sig: NodeJS.Signals): void {
    this.child.kill(sig);
  }
}

interface Printed {
  session: string;
  score: number;
  threshold: number;
  closedBy: string;
  lines: { file: string; lineNo: number; text: string }[];
}

const text = (lines: string[]): string => lines.join("\n") + "\n";

describe("loglab tail", () => {
  // A failed assertion must not leave a tail running.
  afterEach(() => {
    for (const t of running) t.kill("SIGKILL");
  });
  let root: string;
  let det: string;
  beforeAll(async () => {
    ({ root, det } = await hdfsDetectorFolder());
  }, 120_000);

  it("prints each anomalous session with its raw lines as it closes, through truncation and rotation; saves the state on SIGINT", async () => {
    const log = join(root, "live.log");
    const state = join(root, "live-state.json");
    // Already there before the start, and skipped (no --from-start): its anomaly must not be printed.
    const before = [...normalSession("blk_100", 0), ...anomalousSession("blk_-666", 0)];
    writeFileSync(log, text(before));
    const tail = new TailProcess([log, "--model", det, "--state", state, "--session-timeout", "600", "--poll-ms", "50", "--json"]);
    await tail.waitFor("err", /following/);

    // 1. Sessions at 20:10; the anomalous one arrives in two writes, the first ending mid-line.
    const a1 = anomalousSession("blk_-7777000000000000001", 600);
    const chunk1 = text([...normalSession("blk_1", 600), ...a1.slice(0, 3)]);
    const cut = a1[3]!.length - 10;
    appendFileSync(log, chunk1 + a1[3]!.slice(0, cut));
    await new Promise((r) => setTimeout(r, 200));
    appendFileSync(log, a1[3]!.slice(cut) + "\n" + text([...a1.slice(4), ...normalSession("blk_2", 601)]));
    // 2. Half an hour later (log time): the sessions of 20:10 are idle past --session-timeout, close, and are scored now.
    appendFileSync(log, text([...normalSession("blk_3", 2400), "this is not an HDFS line"]));
    await tail.waitFor("out", /blk_-7777000000000000001/);
    expect(tail.out).not.toMatch(/blk_-666|blk_100\b/);

    // 3. Truncation (copytruncate), then more lines.
    writeFileSync(log, "");
    await tail.waitFor("err", /truncated/);
    appendFileSync(log, text(normalSession("blk_4", 4200)));
    // 4. Rotation: the file is renamed away and a new one takes its name.
    await new Promise((r) => setTimeout(r, 200));
    renameSync(log, log + ".1");
    const a2 = anomalousSession("blk_-8888000000000000002", 6000);
    writeFileSync(log, text([...normalSession("blk_5", 6000), ...a2]));
    await tail.waitFor("err", /rotated/);
    await new Promise((r) => setTimeout(r, 200));

    // 5. Stop: the open sessions (blk_5 and a2) close, are scored; the state is saved.
    tail.kill("SIGINT");
    const exit = await tail.exited;
    expect(exit, tail.err).toEqual({ code: 0, signal: null });

    const printed = tail.out.trim().split("\n").map((l) => JSON.parse(l) as Printed);
    expect(printed.map((p) => p.session)).toEqual(["blk_-7777000000000000001", "blk_-8888000000000000002"]);
    for (const p of printed) expect(p.score).toBeGreaterThan(p.threshold);
    expect(printed[0]!.closedBy).toBe("timeout");
    expect(printed[1]!.closedBy).toBe("end");
    // The raw lines behind each anomaly, with their line numbers in the file as it was then.
    expect(printed[0]!.lines.map((l) => l.text)).toEqual(a1);
    expect(printed[0]!.lines.map((l) => l.lineNo)).toEqual([before.length + 14, before.length + 15, before.length + 16, before.length + 17, before.length + 18, before.length + 19, before.length + 20]);
    expect(printed[1]!.lines.map((l) => l.text)).toEqual(a2);
    expect(printed[1]!.lines.map((l) => l.lineNo)).toEqual([14, 15, 16, 17, 18, 19, 20]);
    expect(printed[1]!.lines[0]!.file).toBe(log);

    // The bad line is named, and the summary counts everything that was read.
    expect(tail.err).toMatch(/live\.log:\d+: rejected \(header does not match format HDFS\)/);
    const summary = /stopped \(SIGINT\): (\d+) lines read, (\d+) parsed, (\d+) rejected, (\d+) in no session.*; (\d+) sessions scored, (\d+) anomalies.*1 rotations, 1 truncations; Drain state saved/.exec(tail.err);
    expect(summary, tail.err).not.toBeNull();
    const linesWritten = 13 + 7 + 13 + 13 + 1 + 13 + 13 + 7;
    expect(summary!.slice(1).map(Number)).toEqual([linesWritten, linesWritten - 1, 1, 0, 7, 2]);

    // The state was saved (and loads), with the template mined for the line no template covered; no lock is left.
    expect(existsSync(state)).toBe(true);
    const miner = loadMinerState(state)!;
    expect(miner.templates().some((t) => /EOFException/.test(t.template))).toBe(true);
    expect(readdirSync(root).filter((f) => f.endsWith(".lock"))).toEqual([]);
  }, 60_000);

  it("--from-start reads what is there, --max-idle ends the run, text blocks name the session, score, threshold and lines", async () => {
    const log = join(root, "start.log");
    writeFileSync(log, text([...normalSession("blk_7", 0), ...anomalousSession("blk_-9", 0)]));
    const tail = new TailProcess([log, "--model", det, "--from-start", "--max-idle", "0.5", "--poll-ms", "50"]);
    const exit = await tail.exited;
    expect(exit, tail.err).toEqual({ code: 0, signal: null });
    expect(tail.out).toMatch(/^ANOMALY session blk_-9: score [\d.]+ > threshold [\d.]+ \(7 lines.*closed by end\)\n/);
    expect(tail.out).toContain(`  ${log}:14: ${anomalousSession("blk_-9", 0)[0]}`);
    expect(tail.out).not.toMatch(/blk_7\b/);
    expect(tail.err).toMatch(/stopped \(no new line for 0.5 s\): 20 lines read.*2 sessions scored, 1 anomalies.*Drain state not saved/);
  }, 60_000);

  it("takes a plain model folder with --keys, --state, --format auto and the session rule; the state given is continued and saved", async () => {
    const log = join(root, "plain.log");
    writeFileSync(log, text([...normalSession("blk_8", 0), ...anomalousSession("blk_-10", 0), "not HDFS"]));
    const state = join(root, "plain-state.json");
    copyFileSync(join(det, "drain-state.json"), state);
    const before = statSync(state).mtimeMs;
    const tail = new TailProcess([log, "--model", join(det, "model"), "--keys", join(det, "keys.csv"), "--state", state, "--format", "auto", "--session-id", "blk_-?\\d+", "--from-start", "--max-idle", "0.5", "--poll-ms", "50", "--json"]);
    const exit = await tail.exited;
    expect(exit, tail.err).toEqual({ code: 0, signal: null });
    expect(tail.out.trim().split("\n").map((l) => (JSON.parse(l) as Printed).session)).toEqual(["blk_-10"]);
    expect(tail.err).toMatch(/format HDFS;/);
    expect(tail.err).toMatch(/plain\.log:21: rejected/);
    expect(statSync(state).mtimeMs).toBeGreaterThan(before);
    expect(loadMinerState(state)!.templates().some((t) => /EOFException/.test(t.template))).toBe(true);
    expect(existsSync(state + ".lock")).toBe(false);
  }, 60_000);

  it("refuses what it cannot follow, naming the flag or file", async () => {
    expect((await runCli(["tail", join(root, "nope.log"), "--model", det])).err).toMatch(/nope\.log: no such file/);
    const log = join(root, "x.log");
    writeFileSync(log, "");
    expect((await runCli(["tail", log])).err).toMatch(/--model is required/);
    expect((await runCli(["tail", log, "--model", root])).err).toMatch(/neither a session-detector folder/);
    expect((await runCli(["tail", log, "--model", det, "--window", "5", "--session-id", "x"])).err).toMatch(/not both/);
    expect((await runCli(["tail", log, "--model", join(det, "model"), "--format", "HDFS", "--session-id", "blk_-?\\d+"])).err).toMatch(/give --keys/);
    expect((await runCli(["tail", log, "--model", join(det, "model"), "--keys", join(det, "keys.csv"), "--format", "HDFS", "--session-id", "blk_-?\\d+"])).err).toMatch(/give --state/);
    expect((await runCli(["tail", log, "--model", join(det, "model"), "--keys", join(det, "keys.csv"), "--state", join(root, "none.json"), "--format", "HDFS", "--session-id", "blk_-?\\d+"])).err).toMatch(/none\.json: no such file, and a model folder/);
    expect(existsSync(join(root, "none.json.lock"))).toBe(false);
    expect((await runCli(["tail", log, "--model", det, "--poll-ms", "0"])).err).toMatch(/--poll-ms needs a positive integer/);
  }, 60_000);
});
