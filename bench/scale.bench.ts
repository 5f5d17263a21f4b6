/**
 * Full-size data: `loglab sessions` on a synthetic HDFS log of --lines lines (default 10,000,000),
 * end to end in a fresh process, to check that memory follows the open sessions, not the lines.
 *
 *   npm run bench:scale [-- --lines N] [--json FILE] [--session-timeout SECONDS]
 *
 * The log is written by `loglab synth --format hdfs` (blocks as sessions, 1,000 in flight) into
 * the OS temp folder; `loglab sessions --format HDFS --session-id 'blk_-?\d+'` then runs under GNU
 * time (bench/cli-timing.ts; `nice`, tsx start-up included), once on the large log and once on a
 * 10,000-line one (the baseline: the process's own size). Printed: lines/s end to end, wall and
 * CPU seconds, peak RSS, peak RSS per input line and the growth per line over the baseline, and
 * the 1-minute load average before and after. Without --session-timeout every session stays open
 * to the end (the sessions are written in order of first line), so memory holds all of them. The
 * temporary files are deleted afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { markdownTable } from "../lib/report/table.js";
import { timeCli, type CliRun } from "./cli-timing.js";

const BASELINE_LINES = 10_000;

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

interface SessionsRun {
  lines: number;
  run: CliRun;
  sessions: number;
  peakOpenSessions: number | null;
}

async function sessionsRun(dir: string, lines: number, timeout: string | undefined): Promise<SessionsRun> {
  const log = join(dir, `hdfs-${lines}.log`);
  await timeCli(["synth", "--format", "hdfs", "--lines", String(lines), "--out", log, "--seed", "42", "--anomaly-ratio", "0.03"]);
  const out = join(dir, `sessions-${lines}`);
  const args = ["sessions", "--format", "HDFS", "--input", log, "--out", out, "--session-id", "blk_-?\\d+", "--no-progress", ...(timeout ? ["--session-timeout", timeout, "--assume-year", "2008"] : [])];
  const run = await timeCli(args, { nice: true });
  const summary = JSON.parse(readFileSync(join(out, "sessions-summary.json"), "utf8")) as { lines: number; sessions: number; peakOpenSessions?: number };
  if (summary.lines !== lines) throw new Error(`loglab sessions read ${summary.lines} lines of ${lines}`);
  rmSync(out, { recursive: true, force: true });
  rmSync(log, { force: true });
  rmSync(`${log}.labels.csv`, { force: true });
  rmSync(`${log}.manifest.json`, { force: true });
  return { lines, run, sessions: summary.sessions, peakOpenSessions: summary.peakOpenSessions ?? null };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const known = new Set(["--lines", "--json", "--session-timeout"]);
  for (let i = 0; i < argv.length; i += 2) if (!known.has(argv[i]!)) throw new Error(`unknown option ${argv[i]} (options: ${[...known].join(", ")})`);
  const lines = Number(option(argv, "lines") ?? 10_000_000);
  if (!Number.isInteger(lines) || lines <= BASELINE_LINES) throw new Error(`--lines must be an integer above ${BASELINE_LINES}`);
  const timeout = option(argv, "session-timeout");
  const jsonPath = option(argv, "json");
  const dir = mkdtempSync(join(tmpdir(), "loglab-bench-scale-"));
  const load = { before: loadavg()[0]!, after: 0 };
  try {
    const base = await sessionsRun(dir, BASELINE_LINES, timeout);
    process.stderr.write(`  baseline ${BASELINE_LINES} lines: peak RSS ${base.run.peakRssMb.toFixed(0)} MB\n`);
    const big = await sessionsRun(dir, lines, timeout);
    load.after = loadavg()[0]!;
    const peakBytes = big.run.peakRssMb * 1048576;
    const growthPerLine = (peakBytes - base.run.peakRssMb * 1048576) / (lines - BASELINE_LINES);
    const row = {
      lines: lines.toLocaleString("en-US"),
      sessions: big.sessions.toLocaleString("en-US"),
      "wall s": Math.round(big.run.wallSeconds * 10) / 10,
      "CPU s": big.run.cpuSeconds === null ? "n/a" : Math.round(big.run.cpuSeconds * 10) / 10,
      "lines/s": Math.round(lines / big.run.wallSeconds),
      "peak RSS MB": Math.round(big.run.peakRssMb),
      "peak RSS B/line": Math.round((peakBytes / lines) * 10) / 10,
      [`growth B/line (over ${BASELINE_LINES.toLocaleString("en-US")} lines: ${Math.round(base.run.peakRssMb)} MB)`]: Math.round(growthPerLine * 10) / 10,
    };
    console.log(
      `### \`loglab sessions --format HDFS --session-id 'blk_-?\\d+'${timeout ? ` --session-timeout ${timeout}` : ""}\` on a synthetic HDFS log (\`loglab synth --format hdfs\`), a fresh process under nice, measured by ${big.run.measuredBy} (${availableParallelism()} cores; 1-min load average ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after)\n\n${markdownTable([row])}\n`,
    );
    if (jsonPath) {
      writeJsonAtomic(jsonPath, {
        createdAt: new Date().toISOString(),
        environment: { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism() },
        lines,
        sessionTimeout: timeout ?? null,
        loadAverage: load,
        baseline: { lines: BASELINE_LINES, peakRssMb: base.run.peakRssMb },
        run: { wallSeconds: big.run.wallSeconds, cpuSeconds: big.run.cpuSeconds, peakRssMb: big.run.peakRssMb, measuredBy: big.run.measuredBy, sessions: big.sessions, linesPerSecond: lines / big.run.wallSeconds, peakRssBytesPerLine: peakBytes / lines, growthBytesPerLine: growthPerLine },
      });
      console.log(`wrote ${jsonPath}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench:scale: ${(err as Error).message}`);
  process.exitCode = 1;
});
