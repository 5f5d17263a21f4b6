/**
 * A notebook's wall time with 1 and N experiment workers (issue 16, item 2: "notebook 06's full
 * profile at least 1.7× faster on this 2-core machine"), run as a user runs it (the notebook
 * runner on a fresh tslab kernel), one worker count after the other, each into its own results
 * and models folders.
 *
 *   npm run bench:notebook -- [--only 06] [--profile smoke|full] [--workers 1,2]
 *                             [--stop-before TEXT] [--skip-part TEXT] [--json FILE]
 *
 * Prints per run: wall seconds, the speed-up over the first run, the peak RSS of the whole process
 * tree (kernel and experiment workers, polled every second: a lower bound), and each of the
 * notebook's stopwatch sections (its manifest's `timings`) side by side. Then whether the runs'
 * tables agree once the columns of seconds and rates are left out: models under a wall-clock
 * budget (`maxTrainSeconds`) may stop at another epoch when timed differently, so a differing
 * table is listed, not hidden. Figures are reported, never asserted (bench/ is not a test).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { parseCsvRows } from "../lib/io/csv.js";
import { markdownTable } from "../lib/report/table.js";
import { projectRoot } from "../lib/runtime/project.js";
import { listNotebooks, runNotebook } from "../scripts/notebooks/runner.js";
import { benchFlags } from "./bench-flags.js";

const USAGE = "usage: npm run bench:notebook -- [--only 06] [--profile smoke|full] [--workers 1,2] [--stop-before TEXT] [--skip-part TEXT] [--json FILE]";

interface Args {
  only: string;
  profile: "smoke" | "full";
  workers: number[];
  stopBefore: string | undefined;
  skipPart: string | undefined;
  json: string | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { only: "06", profile: "smoke", workers: [1, 2], stopBefore: undefined, skipPart: undefined, json: null };
  for (const { flag, value } of benchFlags(argv, USAGE)) {
    if (flag === "--only") a.only = value();
    else if (flag === "--profile") {
      const p = value();
      if (p !== "smoke" && p !== "full") throw new Error(`--profile must be smoke or full (${USAGE})`);
      a.profile = p;
    } else if (flag === "--workers") {
      a.workers = value()
        .split(",")
        .map((w) => {
          const n = Number(w);
          if (!Number.isInteger(n) || n < 1) throw new Error(`--workers: "${w}" is not a whole number ≥ 1 (${USAGE})`);
          return n;
        });
    } else if (flag === "--stop-before") a.stopBefore = value();
    else if (flag === "--skip-part") a.skipPart = value();
    else if (flag === "--json") a.json = value();
    else throw new Error(`unknown argument ${flag} (${USAGE})`);
  }
  return a;
}

/** Resident memory of this process's descendants, summed (MB), from /proc. */
function descendantsRssMb(root: number): number {
  const parent = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // the command name (field 2) may hold spaces: fields after its closing parenthesis
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone */
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  let kb = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      kb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

/**
 * A CSV's rows without the columns of seconds and rates (header names with "s" as a unit word,
 * "seconds", "/s"), the run's own folders written as placeholders (tables that list input paths).
 */
function tableWithoutTimings(path: string, runDirs: Record<string, string>): string[][] {
  let text = readFileSync(path, "utf8");
  for (const [placeholder, dir] of Object.entries(runDirs)) text = text.split(dir).join(placeholder);
  const rows = parseCsvRows(text, path);
  const timing = (h: string): boolean => /(^|\s)s(\s|$)|seconds|\/s\b|elapsed/i.test(h);
  const keep = (rows[0] ?? []).map((h, j) => (timing(h) ? -1 : j)).filter((j) => j >= 0);
  return rows.map((r) => keep.map((j) => r[j] ?? ""));
}

interface RunFigures {
  workers: number;
  seconds: number;
  peakTreeRssMb: number;
  timings: Record<string, number>;
  resultsDir: string;
  modelsDir: string;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = projectRoot();
  const path = listNotebooks(join(root, "notebooks")).find((p) => p.split("/").pop()!.startsWith(args.only));
  if (!path) throw new Error(`no notebook starts with "${args.only}" under notebooks/`);
  const name = path.split("/").pop()!.replace(/\.ipynb$/, "");
  const scratch = mkdtempSync(join(tmpdir(), "loglab-bench-notebook-"));
  const runs: RunFigures[] = [];
  try {
    for (const w of args.workers) {
      const resultsDir = join(scratch, `results-w${w}`);
      const modelsDir = join(scratch, `models-w${w}`);
      let peak = 0;
      const poll = setInterval(() => (peak = Math.max(peak, descendantsRssMb(process.pid))), 1000);
      process.stderr.write(`${name} (${args.profile}) with ${w} worker${w === 1 ? "" : "s"}…\n`);
      const report = await runNotebook(path, {
        profile: args.profile,
        root,
        env: { LOGLAB_WORKERS: String(w), LOGLAB_RESULTS_DIR: resultsDir, LOGLAB_MODELS_DIR: modelsDir },
        ...(args.stopBefore === undefined ? {} : { stopBefore: args.stopBefore }),
        ...(args.skipPart === undefined ? {} : { skipPart: args.skipPart }),
        log: (l) => process.stderr.write(l + "\n"),
      });
      clearInterval(poll);
      if (!report.ok) throw new Error(`${name} failed with ${w} workers at cell ${report.failure?.cell}: ${report.failure?.ename}: ${report.failure?.evalue}`);
      let timings: Record<string, number> = {};
      try {
        timings = (JSON.parse(readFileSync(join(resultsDir, name, "manifest.json"), "utf8")) as { timings?: Record<string, number> }).timings ?? {};
      } catch {
        /* stopped before the manifest was written */
      }
      runs.push({ workers: w, seconds: report.seconds, peakTreeRssMb: peak, timings, resultsDir, modelsDir });
    }
    const first = runs[0]!;
    console.log(`\n## ${name}, ${args.profile} profile${args.stopBefore ? `, stopped before "${args.stopBefore}"` : ""}${args.skipPart ? `, without "${args.skipPart}"` : ""}`);
    console.log(markdownTable(runs.map((r) => ({ workers: r.workers, "wall s": r.seconds.toFixed(1), "speed-up": (first.seconds / r.seconds).toFixed(2), "peak RSS of the process tree, MB": Math.round(r.peakTreeRssMb) }))));
    const sections = [...new Set(runs.flatMap((r) => Object.keys(r.timings)))];
    if (sections.length === 0) console.log("\n(no stopwatch sections: a notebook stopped before its end writes no manifest)");
    else {
      console.log("\nStopwatch sections (the notebook's `run.stopwatch`, seconds):");
      console.log(markdownTable(sections.map((s) => ({ section: s, ...Object.fromEntries(runs.flatMap((r) => [[`${r.workers} w`, r.timings[s]?.toFixed(1) ?? "—"], ...(r === first ? [] : [[`× (${r.workers} w)`, r.timings[s] && first.timings[s] ? (first.timings[s]! / r.timings[s]!).toFixed(2) : "—"]])])) }))));
    }
    const tables = (dir: string): string[] => {
      try {
        return readdirSync(join(dir, name, "tables")).filter((f) => f.endsWith(".csv"));
      } catch {
        return [];
      }
    };
    const differing: string[] = [];
    let compared = 0;
    for (const r of runs.slice(1)) {
      for (const t of tables(first.resultsDir)) {
        if (!tables(r.resultsDir).includes(t)) continue;
        compared++;
        const table = (run: RunFigures): string => JSON.stringify(tableWithoutTimings(join(run.resultsDir, name, "tables", t), { "<results>": run.resultsDir, "<models>": run.modelsDir }));
        if (table(first) !== table(r)) differing.push(`${t} (${r.workers} w)`);
      }
    }
    console.log(`\nTables without their seconds and rates: ${compared - differing.length} of ${compared} identical across runs${differing.length ? `; differing: ${differing.join(", ")}` : ""}`);
    if (args.json) {
      writeJsonAtomic(args.json, { notebook: name, profile: args.profile, stopBefore: args.stopBefore ?? null, skipPart: args.skipPart ?? null, runs: runs.map(({ resultsDir: _r, modelsDir: _m, ...x }) => ({ ...x, speedUp: first.seconds / x.seconds })), tablesCompared: compared, tablesDiffering: differing });
      console.log(`wrote ${args.json}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:notebook: ${(err as Error).message}\n`);
  process.exit(1);
});
