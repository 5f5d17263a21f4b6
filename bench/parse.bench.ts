/**
 * Parsing benchmark: accuracy on the 16 LogHub 2k systems and speed on 1,000,000-line files.
 *
 *   npm run bench:parse [-- --json FILE] [--runs N] [--skip-speed] [--skip-accuracy] [--skip-cold] [--skip-cli] [--skip-workers] [--cli-lines N] [--workers N]
 *
 * Accuracy: GA (logparser), PA (exact template), FGA and FTA (Loghub-2.0) per system, against the
 * original and the corrected ground truth, for loglab's default miner and for plain Drain (the
 * logparser reproduction), each system parsed with its LogHub preset (format, masks, depth, st).
 *
 * Speed: a 1M-line file built by repeating data/logai-raw/HDFS_20000.log, and a 1M-line mix of the
 * 16 systems (line i from system i mod 16, each system's 2k lines cycled; parsed as `raw` lines
 * with the default named masks, since no single header format fits a mix). Each measurement runs
 * in a fresh child process (its own JIT warm-up and peak RSS): the plain read-and-split baseline
 * (the same streaming reader, each line split at whitespace into tokens) and the full parse (read,
 * header, masking, Drain, templates and parameters for every line; one pass, online templates as
 * Drain3 gives them; events handed to a callback and dropped). Medians over --runs runs (default 3).
 * The generated files go to the OS temp folder and are deleted afterwards.
 *
 * Cold pass: every raw line the repository ships (16 LogHub 2k samples + logai-raw, 77k lines),
 * each file once with a fresh miner: lines/s and the message-cache hit rate per file (repeated
 * inputs inflate the hit rate; this is what real lines give).
 *
 * CLI: what a user runs. `loglab parse --format HDFS|BGL` with default options (two passes,
 * structured CSV + Arrow + templates + rejects, `--workers auto`, whose choice is printed) on HDFS_20000.log repeated to
 * --cli-lines lines (default 1M) and BGL_5000.log likewise, a fresh `node bin/loglab.mjs` process
 * under `nice` (start-up included: the cached CLI bundle, bin/cli-bundle.mjs): wall and CPU seconds, end-to-end lines/s, peak RSS (GNU
 * time), the cache hit rate, and beside it the miner loop (one pass, no output) on the same file.
 *
 * Workers: the same HDFS command with `--workers 1` and `--workers N` (default: the cores),
 * alternating in each run so that drifting machine load hits both alike; medians, their ratio,
 * CPU seconds and the load average before and after (other processes on the machine take cores
 * from the N workers first).
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loghubLogPath } from "../lib/data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../lib/parse/formats/loghub-presets.js";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { LineReader } from "../lib/io/line-reader.js";
import { readAllLines } from "../lib/io/line-reader.js";
import { benchmarkLoghubParsing, type LoghubParsingAccuracy, type LoghubParsingBenchmark, type LoghubParsingRow } from "../lib/experiments/parsing/loghub-parsing-benchmark.js";
import { loghubPreset } from "../lib/parse/formats/loghub-presets.js";
import { parseFileStream } from "../lib/parse/parse-file.js";
import type { MinerMode } from "../lib/parse/drain/template-miner.js";
import { dataPath } from "../lib/runtime/project.js";
import { markdownTable } from "../lib/report/table.js";
import { median } from "./median.js";
import { timeCli } from "./cli-timing.js";

const LINES = 1_000_000;
/** The reader's chunk size in parseFileStream; the baseline reads with the same. */
const CHUNK = 1 << 16;

type SystemFigures = LoghubParsingAccuracy & Pick<LoghubParsingRow, "templates" | "truthTemplates">;

interface SpeedFigures {
  linesPerSec: number;
  readSplitLinesPerSec: number;
  ratio: number;
  peakRssMb: number;
  runs: { linesPerSec: number[]; readSplitLinesPerSec: number[]; peakRssMb: number[] };
  templates: number;
  file: string;
}

// ---------------------------------------------------------------- worker (child process) mode

async function worker(kind: "read" | "parse", file: string, format: string, mode: MinerMode): Promise<void> {
  const t0 = performance.now();
  let lines = 0;
  let tokens = 0;
  let templates = 0;
  if (kind === "read") {
    const reader = new LineReader(file, { chunkBytes: CHUNK });
    for await (const b of reader.batches()) {
      for (const l of b.lines) {
        lines++;
        tokens += l.split(/\s+/).length;
      }
    }
  } else {
    const s = await parseFileStream(file, { format, mode, passes: 1 }, (events) => {
      lines += events.length;
    });
    templates = s.templates.length;
    lines = s.stats.lines;
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ lines, tokens, templates, seconds, linesPerSec: lines / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
}

function runWorker(kind: "read" | "parse", file: string, format: string, mode: MinerMode): { linesPerSec: number; peakRssMb: number; templates: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--worker", kind, file, format, mode], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`benchmark worker (${kind} ${file}) failed: ${r.stderr || r.stdout}`);
  const last = r.stdout.trim().split("\n").pop()!;
  return JSON.parse(last) as { linesPerSec: number; peakRssMb: number; templates: number };
}

// ---------------------------------------------------------------- data

function writeLines(path: string, source: Iterable<string>): void {
  const fd = openSync(path, "w");
  let buf: string[] = [];
  for (const l of source) {
    buf.push(l);
    if (buf.length >= 50_000) {
      writeSync(fd, buf.join("\n") + "\n");
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join("\n") + "\n");
  closeSync(fd);
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function* repeatTo(lines: readonly string[], n: number): Generator<string> {
  for (let i = 0; i < n; i++) yield lines[i % lines.length]!;
}

function* mixTo(perSystem: readonly (readonly string[])[], n: number): Generator<string> {
  for (let i = 0; i < n; i++) {
    const s = perSystem[i % perSystem.length]!;
    yield s[Math.floor(i / perSystem.length) % s.length]!;
  }
}

// ---------------------------------------------------------------- cold pass

/** Every raw log line the repository ships: the 16 LogHub 2k samples and the logai-raw files, with their formats. */
function shippedRawLogs(): { file: string; path: string; format: string }[] {
  return [
    ...LOGHUB_SYSTEMS.map((s) => ({ file: `loghub-2k/${s}_2k.log`, path: loghubLogPath(s), format: s })),
    { file: "logai-raw/HDFS_20000.log", path: dataPath("logai-raw", "HDFS_20000.log"), format: "HDFS" },
    { file: "logai-raw/HealthApp_20000.log", path: dataPath("logai-raw", "HealthApp_20000.log"), format: "HealthApp" },
    { file: "logai-raw/BGL_5000.log", path: dataPath("logai-raw", "BGL_5000.log"), format: "BGL" },
  ];
}

/** One pass with a fresh miner over each shipped file (no repetition, so the cache hit rate is what real data gives). */
async function coldPass(): Promise<{ file: string; lines: number; linesPerSec: number; cacheHitRate: number; templates: number }[]> {
  const out: { file: string; lines: number; linesPerSec: number; cacheHitRate: number; templates: number }[] = [];
  let lines = 0;
  let seconds = 0;
  let hits = 0;
  for (const f of shippedRawLogs()) {
    const s = await parseFileStream(f.path, { format: f.format, passes: 1 }, () => undefined);
    out.push({ file: f.file, lines: s.stats.lines, linesPerSec: s.stats.linesPerSecond, cacheHitRate: s.stats.cacheHitRate, templates: s.templates.length });
    lines += s.stats.lines;
    seconds += s.stats.seconds;
    hits += s.stats.cacheHitRate * s.stats.parsed;
  }
  out.push({ file: "all", lines, linesPerSec: lines / seconds, cacheHitRate: hits / lines, templates: out.reduce((a, c) => a + c.templates, 0) });
  return out;
}

// ---------------------------------------------------------------- accuracy

type Accuracy = { systems: Record<string, SystemFigures>; average: LoghubParsingAccuracy };

function accuracyOf(bench: LoghubParsingBenchmark, mode: MinerMode): Accuracy {
  const systems: Record<string, SystemFigures> = {};
  for (const r of bench.rows.filter((x) => x.mode === mode)) {
    if (r.rejected > 0) throw new Error(`${r.system}: ${r.rejected} lines rejected`);
    const { ga, pa, fga, fta, gaCorrected, paCorrected, fgaCorrected, ftaCorrected, templates, truthTemplates } = r;
    systems[r.system] = { ga, pa, fga, fta, gaCorrected, paCorrected, fgaCorrected, ftaCorrected, templates, truthTemplates };
  }
  const a = bench.averages.find((x) => x.mode === mode)!;
  const { ga, pa, fga, fta, gaCorrected, paCorrected, fgaCorrected, ftaCorrected } = a;
  return { systems, average: { ga, pa, fga, fta, gaCorrected, paCorrected, fgaCorrected, ftaCorrected } };
}

function accuracyTable(title: string, acc: Accuracy, published: boolean): string {
  const r4 = (x: number): number => Math.round(x * 10000) / 10000;
  const rows: Record<string, string | number>[] = LOGHUB_SYSTEMS.map((s: LoghubSystem) => {
    const f = acc.systems[s]!;
    return {
      system: s,
      GA: r4(f.ga),
      PA: r4(f.pa),
      FGA: r4(f.fga),
      FTA: r4(f.fta),
      "GA corr": r4(f.gaCorrected),
      "PA corr": r4(f.paCorrected),
      "FGA corr": r4(f.fgaCorrected),
      "FTA corr": r4(f.ftaCorrected),
      templates: `${f.templates}/${f.truthTemplates}`,
      ...(published ? { "Drain GA (published)": loghubPreset(s).published.groupingAccuracy } : {}),
    };
  });
  const a = acc.average;
  rows.push({
    system: "average",
    GA: r4(a.ga),
    PA: r4(a.pa),
    FGA: r4(a.fga),
    FTA: r4(a.fta),
    "GA corr": r4(a.gaCorrected),
    "PA corr": r4(a.paCorrected),
    "FGA corr": r4(a.fgaCorrected),
    "FTA corr": r4(a.ftaCorrected),
    templates: "",
    ...(published ? { "Drain GA (published)": r4(LOGHUB_SYSTEMS.reduce((x, s) => x + loghubPreset(s).published.groupingAccuracy, 0) / 16) } : {}),
  });
  return `### ${title}\n\n${markdownTable(rows, undefined, 4)}\n`;
}

// ---------------------------------------------------------------- workers

/** `loglab parse --format HDFS` with 1 and with `n` workers on the same file, alternating; medians and their ratio. */
async function workersComparison(lines: number, runs: number, n: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "loglab-bench-workers-"));
  try {
    const file = join(dir, `HDFS_${lines}.log`);
    writeLines(file, repeatTo(splitLines(readFileSync(dataPath("logai-raw", "HDFS_20000.log"), "utf8")), lines));
    const load = { before: loadavg()[0]!, after: 0 };
    const per: Record<string, { wall: number[]; cpu: number[]; rss: number[] }> = { "1": { wall: [], cpu: [], rss: [] }, [n]: { wall: [], cpu: [], rss: [] } };
    let csv: Buffer | null = null;
    for (let r = 0; r < runs; r++) {
      for (const w of r % 2 === 0 ? [1, n] : [n, 1]) {
        const out = join(dir, `out-${w}`);
        const run = await timeCli(["parse", "--format", "HDFS", "--input", file, "--out", out, "--no-progress", "--workers", String(w)], { nice: true });
        // The N-worker CSV must be the 1-worker one, byte for byte (the claim the figures rest on).
        const got = readFileSync(join(out, `HDFS_${lines}.log_structured.csv`));
        if (csv === null) csv = got;
        else if (!csv.equals(got)) throw new Error(`--workers ${w} wrote a different structured CSV`);
        rmSync(out, { recursive: true, force: true });
        per[w]!.wall.push(run.wallSeconds);
        per[w]!.cpu.push(run.cpuSeconds ?? NaN);
        per[w]!.rss.push(run.peakRssMb);
        process.stderr.write(`  workers ${w} run ${r + 1}/${runs}: ${Math.round(lines / run.wallSeconds).toLocaleString("en-US")} lines/s end to end (${run.wallSeconds.toFixed(2)} s wall, ${run.cpuSeconds?.toFixed(2) ?? "n/a"} s CPU), peak RSS ${run.peakRssMb.toFixed(0)} MB\n`);
      }
    }
    load.after = loadavg()[0]!;
    const row = (w: number) => ({
      workers: w,
      "wall s (median)": Math.round(median(per[w]!.wall) * 100) / 100,
      "end-to-end lines/s (median)": Math.round(lines / median(per[w]!.wall)),
      "CPU s (median)": Math.round(median(per[w]!.cpu) * 100) / 100,
      "peak RSS MB (max)": Math.round(Math.max(...per[w]!.rss)),
    });
    const speedup = median(per[1]!.wall) / median(per[n]!.wall);
    console.log(
      `### \`loglab parse --format HDFS --workers 1\` vs \`--workers ${n}\` on HDFS_20000.log repeated to ${lines.toLocaleString("en-US")} lines (${runs} runs each, alternating; ${availableParallelism()} cores; 1-min load average ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after)\n\n${markdownTable([row(1), row(n)])}\n\nspeed-up with ${n} workers: ${speedup.toFixed(2)}× (structured CSV byte-identical in every run)\n`,
    );
    return { lines, runs, workers: n, cores: availableParallelism(), loadAverage: load, speedup, runsByWorkers: per };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--worker") {
    await worker(argv[1] as "read" | "parse", argv[2]!, argv[3]!, argv[4] as MinerMode);
    return;
  }
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = new Set(["--json", "--runs", "--skip-speed", "--skip-accuracy", "--skip-cli", "--skip-cold", "--skip-workers", "--cli-lines", "--workers"]);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i]!.startsWith("--") && !known.has(argv[i]!)) throw new Error(`unknown option ${argv[i]} (options: ${[...known].join(", ")})`);
    if (argv[i] === "--json" || argv[i] === "--runs" || argv[i] === "--cli-lines" || argv[i] === "--workers") i++;
  }
  const workersN = Number(flag("workers") ?? Math.max(2, availableParallelism()));
  if (!Number.isInteger(workersN) || workersN < 2) throw new Error(`--workers must be an integer ≥ 2`);
  const cliLines = Number(flag("cli-lines") ?? LINES);
  if (!Number.isInteger(cliLines) || cliLines < 1) throw new Error(`--cli-lines must be a positive integer`);
  const jsonPath = flag("json");
  const runs = Number(flag("runs") ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);
  const result: Record<string, unknown> = {
    createdAt: new Date().toISOString(),
    environment: { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
    settings: { presets: "logparser benchmark settings per system (format, masks, depth, st)", prNormalisation: "exact string equality; both templates trimmed, whitespace runs collapsed" },
  };

  if (!argv.includes("--skip-accuracy")) {
    const t0 = performance.now();
    const bench = await benchmarkLoghubParsing({ modes: ["loglab", "drain"] });
    const loglab = accuracyOf(bench, "loglab");
    const drain = accuracyOf(bench, "drain");
    result.systems = loglab.systems;
    result.average = loglab.average;
    result.plainDrain = { systems: drain.systems, average: drain.average };
    console.log(accuracyTable("loglab mode (default)", loglab, false));
    console.log(accuracyTable("plain Drain mode (logparser's Drain)", drain, true));
    console.log(`accuracy: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }

  if (!argv.includes("--skip-speed")) {
    const dir = mkdtempSync(join(tmpdir(), "loglab-bench-"));
    try {
      const hdfs = join(dir, "HDFS_1M.log");
      writeLines(hdfs, repeatTo(splitLines(readFileSync(dataPath("logai-raw", "HDFS_20000.log"), "utf8")), LINES));
      const per = await Promise.all(LOGHUB_SYSTEMS.map(async (s) => (await readAllLines(loghubLogPath(s))).lines));
      const mix = join(dir, "mix16_1M.log");
      writeLines(mix, mixTo(per, LINES));
      const speed = (file: string, format: string, name: string): SpeedFigures => {
        const read: number[] = [];
        const parse: number[] = [];
        const rss: number[] = [];
        let templates = 0;
        for (let r = 0; r < runs; r++) {
          // Alternate the order so that drifting machine load hits both alike.
          const order = r % 2 === 0 ? (["read", "parse"] as const) : (["parse", "read"] as const);
          for (const kind of order) {
            const w = runWorker(kind, file, format, "loglab");
            if (kind === "read") read.push(w.linesPerSec);
            else {
              parse.push(w.linesPerSec);
              rss.push(w.peakRssMb);
              templates = w.templates;
            }
          }
          process.stderr.write(`  ${name} run ${r + 1}/${runs}: parse ${Math.round(parse[r]!).toLocaleString("en-US")} lines/s, read+split ${Math.round(read[r]!).toLocaleString("en-US")} lines/s, peak RSS ${rss[r]!.toFixed(0)} MB\n`);
        }
        const lps = median(parse);
        const base = median(read);
        return { linesPerSec: lps, readSplitLinesPerSec: base, ratio: lps / base, peakRssMb: Math.max(...rss), runs: { linesPerSec: parse, readSplitLinesPerSec: read, peakRssMb: rss }, templates, file: name };
      };
      const h = speed(hdfs, "HDFS", "HDFS_20000.log repeated to 1M lines (format HDFS, preset masks)");
      const m = speed(mix, "raw", "16-system mix, 1M lines (format raw, default named masks)");
      result.hdfs1m = h;
      result.mix1m = m;
      const row = (name: string, s: SpeedFigures) => ({
        file: name,
        "parse lines/s (median)": Math.round(s.linesPerSec),
        "read+split lines/s (median)": Math.round(s.readSplitLinesPerSec),
        "parse / read+split": Math.round(s.ratio * 1000) / 1000,
        "peak RSS MB (max)": Math.round(s.peakRssMb),
        templates: s.templates,
      });
      console.log(`### Speed (${runs} runs each, loglab mode, masking on, one pass)\n\n${markdownTable([row("HDFS 1M", h), row("mix of 16, 1M", m)])}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!argv.includes("--skip-cold")) {
    const cold = await coldPass();
    result.coldPass = cold;
    console.log(`### One cold pass over every shipped raw line (fresh miner per file, one pass, preset format and masks, no output)\n\n${markdownTable(cold.map((c) => ({ file: c.file, lines: c.lines, "lines/s": Math.round(c.linesPerSec), "cache hit rate": Math.round(c.cacheHitRate * 1000) / 1000, templates: c.templates })))}\n`);
  }

  if (!argv.includes("--skip-cli")) {
    const dir = mkdtempSync(join(tmpdir(), "loglab-bench-cli-"));
    try {
      const rows: Record<string, string | number>[] = [];
      const figures: Record<string, unknown>[] = [];
      for (const [system, source] of [["HDFS", "HDFS_20000.log"], ["BGL", "BGL_5000.log"]] as const) {
        const file = join(dir, `${system}_${cliLines}.log`);
        writeLines(file, repeatTo(splitLines(readFileSync(dataPath("logai-raw", source), "utf8")), cliLines));
        for (let r = 0; r < runs; r++) {
          const out = join(dir, `out-${system}-${r}`);
          const run = await timeCli(["parse", "--format", system, "--input", file, "--out", out, "--no-progress"], { nice: true });
          const summary = JSON.parse(readFileSync(join(out, "parse-summary.json"), "utf8")) as { lines: number; linesPerSecond: number; cacheHitRate: number };
          // The worker count `--workers auto` chose, as the run's manifest records it.
          const workers = (JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { config: { workers: number } }).config.workers;
          rmSync(out, { recursive: true, force: true });
          const miner = runWorker("parse", file, system, "loglab");
          const f = { system, run: r + 1, lines: summary.lines, wallSeconds: run.wallSeconds, cpuSeconds: run.cpuSeconds, endToEndLinesPerSec: summary.lines / run.wallSeconds, cpuLinesPerSec: run.cpuSeconds ? summary.lines / run.cpuSeconds : null, parseLinesPerSec: summary.linesPerSecond, peakRssMb: run.peakRssMb, measuredBy: run.measuredBy, cacheHitRate: summary.cacheHitRate, minerLoopLinesPerSec: miner.linesPerSec, workers };
          figures.push(f);
          process.stderr.write(`  CLI ${system} run ${r + 1}/${runs}: ${Math.round(f.endToEndLinesPerSec).toLocaleString("en-US")} lines/s end to end, peak RSS ${run.peakRssMb.toFixed(0)} MB; miner loop ${Math.round(miner.linesPerSec).toLocaleString("en-US")} lines/s\n`);
          rows.push({
            input: `${system} ${source} repeated to ${summary.lines.toLocaleString("en-US")} lines`,
            run: r + 1,
            "workers (auto)": workers,
            "wall s": Math.round(run.wallSeconds * 100) / 100,
            "CPU s": run.cpuSeconds === null ? "n/a" : Math.round(run.cpuSeconds * 100) / 100,
            "end-to-end lines/s": Math.round(f.endToEndLinesPerSec),
            "lines per CPU-s": f.cpuLinesPerSec === null ? "n/a" : Math.round(f.cpuLinesPerSec),
            "parse lines/s (CLI's own, no start-up)": Math.round(summary.linesPerSecond),
            "peak RSS MB": Math.round(run.peakRssMb),
            "cache hit rate": Math.round(summary.cacheHitRate * 1000) / 1000,
            "miner loop lines/s (1 pass, no output)": Math.round(miner.linesPerSec),
            "CLI / miner loop": Math.round((f.endToEndLinesPerSec / miner.linesPerSec) * 100) / 100,
          });
        }
      }
      result.cli = figures;
      console.log(
        `### The CLI end to end: \`loglab parse --format SYSTEM\` with default options (2 passes; structured CSV, Arrow, templates, rejects; \`--workers auto\`), a fresh process under nice, start-up included\n\n${markdownTable(rows)}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (!argv.includes("--skip-workers")) result.workers = await workersComparison(cliLines, runs, workersN);

  if (jsonPath) {
    writeJsonAtomic(jsonPath, result);
    console.log(`wrote ${jsonPath}`);
  }
}

main().catch((err) => {
  console.error(`bench:parse: ${(err as Error).message}`);
  process.exitCode = 1;
});
