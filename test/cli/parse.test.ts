import { describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
    // A second run continues from the saved state.
    const again = await cli(["parse", "--format", "HDFS", "--input", input, "--out", out, "--state", state, "--no-progress"]);
    expect(again.code).toBe(0);
  });

  it("exits non-zero with one clear line on bad arguments or unreadable input", async () => {
    const cases: [string[], number, RegExp][] = [
      [["parse", "--input", "x.log", "--out", dir], 2, /--format is required/],
      [["parse", "--format", "Nope", "--input", "x.log", "--out", dir], 2, /--format "Nope" is not a known format/],
      [["parse", "--format", "HDFS", "--out", dir], 2, /--input is required/],
      [["parse", "--format", "HDFS", "--input", join(dir, "missing.log"), "--out", dir], 1, /cannot read input .*missing\.log: no such file/],
      [["parse", "--format", "HDFS", "--input", dir, "--out", dir], 1, /it is a directory/],
      [["parse", "--format", "HDFS", "--input", loghubLogPath("HDFS"), "--out", dir, "--st", "2"], 2, /--st must be in \[0, 1\]/],
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
});
