import { describe, expect, it, vi } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { main } from "../../lib/cli/main.js";
import { readCsvFile } from "../../lib/io/csv.js";
import { loghubLogPath } from "../../lib/data/loghub-2k.js";

// The `loglab parse` command (lib/cli/parse.ts).
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("loglab parse", () => {
  const dir = mkdtempSync(join(tmpdir(), "loglab-cli-parse-"));

  it("writes LogHub's structured layout, Arrow, templates, rejects, a summary and the state", async () => {
    const input = join(dir, "mixed.log");
    const hdfs = readFileSync(loghubLogPath("HDFS"), "utf8").split("\r\n").slice(0, 50);
    writeFileSync(input, [...hdfs.slice(0, 25), "garbage line", ...hdfs.slice(25)].join("\n"));
    const out = join(dir, "out");
    const state = join(dir, "state.json");
    const r = await cli(["parse", "--format", "HDFS", "--input", input, "--out", out, "--state", state, "--no-progress"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/parsed 50 of 51 lines/);
    const csv = readCsvFile(join(out, "mixed.log_structured.csv"));
    expect(csv.header).toEqual(["LineId", "Date", "Time", "Pid", "Level", "Component", "Content", "EventId", "EventTemplate", "ParameterList"]);
    expect(csv.records).toHaveLength(50);
    expect(csv.records[0]).toEqual(["1", "081109", "203615", "148", "INFO", "dfs.DataNode$PacketResponder", "PacketResponder 1 for block blk_38865049064139660 terminating", csv.records[0]![7], "PacketResponder <*> for block <*> terminating", "['1', 'blk_38865049064139660']"]);
    expect(csv.records[25]![0]).toBe("27"); // LineId is the line number in the input
    expect(readCsvFile(join(out, "mixed.log_rejects.csv")).records).toEqual([[input, "26", "header does not match format HDFS"]]);
    const templates = readCsvFile(join(out, "mixed.log_templates.csv"));
    expect(templates.records.reduce((a, t) => a + Number(t[2]), 0)).toBe(50);
    const arrow = tableFromIPC(readFileSync(join(out, "mixed.log_structured.arrow")));
    expect(arrow.numRows).toBe(50);
    expect(arrow.getChild("EventTemplate")!.get(0)).toBe("PacketResponder <*> for block <*> terminating");
    expect(JSON.parse(readFileSync(join(out, "parse-summary.json"), "utf8"))).toMatchObject({ lines: 51, parsed: 50, rejected: 1 });
    expect(existsSync(state)).toBe(true);
    // A second run continues from the saved state (into the same folder: --force).
    const again = await cli(["parse", "--format", "HDFS", "--input", input, "--out", out, "--state", state, "--no-progress", "--force"]);
    expect(again.code, again.err).toBe(0);
  });

  it("exits non-zero with one clear line on bad arguments or unreadable input", async () => {
    const cases: [string[], number, RegExp][] = [
      [["parse", "--input", "x.log", "--out", dir], 2, /--format is required/],
      [["parse", "--format", "Nope", "--input", "x.log", "--out", dir], 2, /--format "Nope" is not a known format/],
      [["parse", "--format", "HDFS", "--out", dir], 2, /--input is required/],
      [["parse", "--format", "HDFS", "--input", join(dir, "missing.log"), "--out", dir], 1, /cannot read input .*missing\.log: no such file/],
      [["parse", "--format", "HDFS", "--input", dir, "--out", dir], 1, /it is a directory/],
      [["parse", "--format", "HDFS", "--input", loghubLogPath("HDFS"), "--out", dir, "--st", "2"], 2, /--st must be a number in \[0, 1\], got "2"/],
      [["parse", "--format", "HDFS", "--input", loghubLogPath("HDFS"), "--out", dir, "--bogus", "1"], 2, /unknown option --bogus/],
    ];
    for (const [argv, code, msg] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(" ")).toBe(code);
      expect(r.err).toMatch(msg);
    }
    const corrupt = join(dir, "bad-state.json");
    writeFileSync(corrupt, "{");
    const r = await cli(["parse", "--format", "HDFS", "--input", loghubLogPath("HDFS"), "--out", join(dir, "o2"), "--state", corrupt, "--no-progress"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-state\.json: corrupt state/);
  });

  // Issue 10, case 6: a rerun mixed the new structured CSV with the previous summary and manifest.
  it("replaces an earlier output only with --force, whole, and leaves no temporary files", async () => {
    const out = join(dir, "rerun");
    const input = join(dir, "small.log");
    writeFileSync(input, readFileSync(loghubLogPath("HDFS"), "utf8").split("\r\n").slice(0, 20).join("\n"));
    expect((await cli(["parse", "--format", "HDFS", "--input", input, "--out", out, "--no-progress"])).code).toBe(0);
    const before = readFileSync(join(out, "manifest.json"), "utf8");
    const again = await cli(["parse", "--format", "HDFS", "--input", input, "--out", out, "--no-progress"]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/holds an earlier `loglab parse` output; add --force/);
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(before);
    const other = join(dir, "other.log");
    writeFileSync(other, readFileSync(loghubLogPath("HDFS"), "utf8").split("\r\n").slice(100, 130).join("\n"));
    const forced = await cli(["parse", "--format", "HDFS", "--input", other, "--out", out, "--no-progress", "--force"]);
    expect(forced.code, forced.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "other.log_rejects.csv", "other.log_structured.arrow", "other.log_structured.csv", "other.log_templates.csv", "parse-summary.json"]);
    expect(JSON.parse(readFileSync(join(out, "parse-summary.json"), "utf8")).lines).toBe(30);
    expect(readdirSync(dir).filter((e) => /\.partial-|\.old-|\.lock$|\.tmp/.test(e))).toEqual([]);
  });

  // Issue 10, case 5: an existing --state silently overrode --format/--mode/--st/--depth, and the summary recorded the request.
  it("refuses a state mined with other explicit settings, naming them; otherwise continues with the state's settings and records them", async () => {
    const bglState = join(dir, "bgl-state.json");
    const bgl = join(dir, "bgl.log");
    writeFileSync(bgl, readFileSync(loghubLogPath("BGL"), "utf8").split(/\r?\n/).slice(0, 30).join("\n"));
    expect((await cli(["parse", "--format", "BGL", "--input", bgl, "--out", join(dir, "bgl-out"), "--state", bglState, "--no-progress"])).code).toBe(0);
    const hdfs = join(dir, "hdfs20.log");
    writeFileSync(hdfs, readFileSync(loghubLogPath("HDFS"), "utf8").split("\r\n").slice(0, 20).join("\n"));
    const mixed = await cli(["parse", "--format", "HDFS", "--input", hdfs, "--out", join(dir, "mixed"), "--state", bglState, "--st", "0.7", "--mode", "drain", "--no-progress"]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/bgl-state\.json was mined with other settings: mode \(state: loglab; --mode: drain\), simThreshold \(state: 0\.5; --st: 0\.7\), masking \(state: 1 mask .*; --format HDFS: 2 masks .*\)\. A Drain state keeps the settings it was mined with/);
    expect(existsSync(join(dir, "mixed"))).toBe(false);

    const st = join(dir, "st-state.json");
    expect((await cli(["parse", "--format", "HDFS", "--input", hdfs, "--out", join(dir, "st-1"), "--state", st, "--st", "0.7", "--depth", "5", "--no-progress"])).code).toBe(0);
    const cont = await cli(["parse", "--format", "HDFS", "--input", hdfs, "--out", join(dir, "st-2"), "--state", st, "--no-progress"]);
    expect(cont.code, cont.err).toBe(0);
    expect(cont.err).toMatch(/continuing the Drain state .*st-state\.json with its settings: simThreshold 0\.7 \(not 0\.5\), depth 5 \(not 4\)/);
    const summary = JSON.parse(readFileSync(join(dir, "st-2", "parse-summary.json"), "utf8"));
    expect(summary.settings).toMatchObject({ mode: "loglab", simThreshold: 0.7, depth: 5, fromState: true });
    const manifest = JSON.parse(readFileSync(join(dir, "st-2", "manifest.json"), "utf8"));
    expect(manifest.config).toMatchObject({ mode: "loglab", st: 0.7, depth: 5 });
  });

  // Issue 10, case 3: two runs sharing one --state: the last writer won and the other's templates vanished.
  it("a second writer of a locked state fails, naming the lock and its holder, and changes nothing", async () => {
    const state = join(dir, "locked.json");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(`${state}.lock`, JSON.stringify({ pid: holder.pid, host: hostname(), since: "2026-01-01T00:00:00.000Z", command: "loglab sessions --state locked.json" }));
      const r = await cli(["parse", "--format", "HDFS", "--input", loghubLogPath("HDFS"), "--out", join(dir, "locked-out"), "--state", state, "--no-progress"]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`Drain state .*locked\\.json is locked by another loglab run: pid ${holder.pid} on host .* \\(loglab sessions --state locked\\.json\\)\\. Lock file: .*locked\\.json\\.lock`));
      expect(existsSync(state)).toBe(false);
      expect(existsSync(join(dir, "locked-out"))).toBe(false);
    } finally {
      holder.kill("SIGKILL");
      rmSync(`${state}.lock`, { force: true });
    }
  });

  // Issue 10, case 9: an unclosed field rejected every line with rc 0; --assume-year 1e9 or -5 nulled every timestamp.
  it("rejects a format with an unclosed field and an impossible --assume-year; says so when no line parses", async () => {
    const input = join(dir, "nine.log");
    writeFileSync(input, readFileSync(loghubLogPath("HDFS"), "utf8").split("\r\n").slice(0, 20).join("\n"));
    const unclosed = await cli(["parse", "--format", "<Date> <Time <Pid> <Level> <Component>: <Content>", "--input", input, "--out", join(dir, "n1"), "--no-progress"]);
    expect(unclosed.code).toBe(2);
    expect(unclosed.err).toMatch(/--format: .*field <Time is not closed/);
    for (const year of ["1e9", "-5", "2024.5"]) {
      const r = await cli(["parse", "--format", "Linux", "--input", input, "--out", join(dir, "n2"), "--assume-year", year, "--no-progress"]);
      expect(r.code, year).toBe(2);
      expect(r.err, year).toMatch(/--assume-year must be a whole year between 1970 and 9999/);
    }
    const none = await cli(["parse", "--format", "<Date> <Time> <Pid> <Level> <Component> @@@ <Content>", "--input", input, "--out", join(dir, "n3"), "--no-progress"]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no line parsed: all 20 lines were rejected \(20 × header does not match format/);
    expect(existsSync(join(dir, "n3", "nine.log_rejects.csv"))).toBe(true);
  });

  it("--workers 3 writes the same CSV, templates, rejects and summary as --workers 1, and the same Arrow rows", async () => {
    const input = join(dir, "bgl-workers.log");
    const lines = readFileSync(loghubLogPath("BGL"), "utf8").split(/\r?\n/).filter((l) => l !== "");
    writeFileSync(input, [...lines.slice(0, 1000), "not a BGL line", ...lines.slice(1000)].join("\n") + "\n");
    const outs: Record<number, string> = {};
    for (const workers of [1, 3]) {
      outs[workers] = join(dir, `out-workers-${workers}`);
      const r = await cli(["parse", "--format", "BGL", "--input", input, "--out", outs[workers]!, "--no-progress", "--workers", String(workers)]);
      expect(r.code, r.err).toBe(0);
    }
    for (const f of ["bgl-workers.log_structured.csv", "bgl-workers.log_templates.csv", "bgl-workers.log_rejects.csv"]) {
      expect(readFileSync(join(outs[3]!, f)).equals(readFileSync(join(outs[1]!, f))), f).toBe(true);
    }
    expect(readCsvFile(join(outs[3]!, "bgl-workers.log_rejects.csv")).records).toEqual([[input, "1001", "header does not match format BGL"]]);
    // Arrow: the same schema and rows; record batches also end where a worker's range ends.
    const [a1, a3] = [1, 3].map((w) => tableFromIPC(readFileSync(join(outs[w]!, "bgl-workers.log_structured.arrow"))));
    expect(a3!.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(a1!.schema.fields.map((f) => `${f.name}:${String(f.type)}`));
    expect(a3!.numRows).toBe(2000);
    expect(a3!.batches.length).toBeGreaterThan(1);
    expect(JSON.stringify(a3!.toArray())).toBe(JSON.stringify(a1!.toArray()));
    const summary = (w: number) => {
      const { seconds: _s, linesPerSecond: _l, ...rest } = JSON.parse(readFileSync(join(outs[w]!, "parse-summary.json"), "utf8")) as Record<string, unknown>;
      return rest;
    };
    expect(summary(3)).toEqual(summary(1));
    expect(JSON.parse(readFileSync(join(outs[3]!, "manifest.json"), "utf8")).config.workers).toBe(3);
  }, 60_000);

  it("refuses --workers values it cannot honour, with one clear line", async () => {
    const input = loghubLogPath("HDFS");
    const cases: [string[], RegExp][] = [
      [["--workers", "0"], /--workers must be a positive integer or auto, got "0"/],
      [["--workers", "two"], /--workers must be a positive integer or auto/],
      [["--workers", "2", "--passes", "1"], /--workers 2 needs --passes 2/],
      [["--workers", "2", "--parquet"], /--workers 2 cannot be combined with --parquet/],
    ];
    for (const [extra, message] of cases) {
      const r = await cli(["parse", "--format", "HDFS", "--input", input, "--out", join(dir, "never"), "--no-progress", ...extra]);
      expect(r.code, extra.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});

// Issue 10, case 8: --out under /proc made Node's recursive mkdir spin at 100% CPU (rc 124 under timeout 20).
describe.runIf(existsSync("/proc/self"))("loglab parse --out under /proc", () => {
  it("fails at once with one clear line", () => {
    const r = spawnSync(process.execPath, ["bin/loglab.mjs", "parse", "--format", "HDFS", "--input", loghubLogPath("HDFS"), "--out", "/proc/x/y", "--no-progress"], { encoding: "utf8", timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^loglab parse: --out \/proc\/x\/y: Could not create folder \/proc\/x: \/proc exists but does not accept new folders/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  }, 70_000);

});
