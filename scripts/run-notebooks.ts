/**
 * Runs the notebooks in notebooks/ in order, headless, each on a fresh tslab kernel.
 *
 *   npm run notebooks -- [--profile smoke|full] [--only 00,03] [--in-place] [--cell-timeout SECONDS] [--stop-before TEXT] [--skip-part TEXT]
 *
 * --stop-before TEXT stops each notebook before its first markdown cell whose first line contains
 * TEXT ("## Part 2": notebook 07's first part alone, in a full profile whose second part takes hours).
 * --skip-part TEXT skips the part under the markdown heading whose first line contains TEXT, up to
 * the next heading of its level ("## Part 1": notebook 07's setup, then its second part alone).
 *
 * --cell-timeout SECONDS: a cell running longer fails (default 30 min in the smoke profile, 4 h in
 * the full one, where one cell may fit a dataset's every model one after another).
 * Stops at the first failing cell and names the notebook and the cell. Executed copies go to
 * results/<notebook>/<notebook>.ipynb (or over the source with --in-place); a summary goes to
 * results/notebooks-run.json.
 */
import { join } from "node:path";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { listNotebooks, runNotebook, type NotebookReport } from "./notebooks/runner.js";

interface Args {
  profile: "smoke" | "full";
  only: string[] | null;
  inPlace: boolean;
  /** Per-cell limit (default: the runner's for the profile, {@link defaultCellTimeoutMs}). */
  cellTimeoutS: number | undefined;
  stopBefore: string | undefined;
  skipPart: string | undefined;
}

function usage(msg: string): never {
  process.stderr.write(`run-notebooks: ${msg}\nusage: npm run notebooks -- [--profile smoke|full] [--only NN[,NN...]] [--in-place] [--cell-timeout SECONDS] [--stop-before TEXT] [--skip-part TEXT]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { profile: "smoke", only: null, inPlace: false, cellTimeoutS: undefined, stopBefore: undefined, skipPart: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === "--profile") {
      const v = value();
      if (v !== "smoke" && v !== "full") usage(`--profile must be smoke or full, got ${v}`);
      args.profile = v;
    } else if (a === "--only") args.only = value().split(",").map((s) => s.trim().padStart(2, "0"));
    else if (a === "--in-place") args.inPlace = true;
    else if (a === "--cell-timeout") args.cellTimeoutS = Number(value());
    else if (a === "--stop-before") args.stopBefore = value();
    else if (a === "--skip-part") args.skipPart = value();
    else if (a === "--help" || a === "-h") usage("help");
    else usage(`unknown argument ${a}`);
  }
  if (args.cellTimeoutS !== undefined && !(args.cellTimeoutS > 0)) usage("--cell-timeout must be a positive number of seconds");
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = process.cwd();
  let notebooks = listNotebooks(join(root, "notebooks"));
  if (args.only) {
    const wanted = new Set(args.only);
    const missing = args.only.filter((n) => !notebooks.some((p) => p.split("/").pop()!.startsWith(n + "-")));
    if (missing.length) usage(`no notebook numbered ${missing.join(", ")} in notebooks/`);
    notebooks = notebooks.filter((p) => wanted.has(p.split("/").pop()!.slice(0, 2)));
  }
  if (notebooks.length === 0) usage("no notebooks/0*.ipynb found");
  const reports: NotebookReport[] = [];
  const t0 = performance.now();
  for (const nb of notebooks) {
    process.stderr.write(`▶ ${nb.split("/").pop()} (profile ${args.profile})\n`);
    const report = await runNotebook(nb, {
      profile: args.profile,
      root,
      ...(args.cellTimeoutS === undefined ? {} : { cellTimeoutMs: args.cellTimeoutS * 1000 }),
      output: args.inPlace ? "in-place" : undefined,
      ...(args.stopBefore !== undefined ? { stopBefore: args.stopBefore } : {}),
      ...(args.skipPart !== undefined ? { skipPart: args.skipPart } : {}),
    });
    reports.push(report);
    if (!report.ok) {
      const f = report.failure!;
      process.stderr.write(
        `✖ ${report.notebook}.ipynb failed at cell ${f.cell} (${f.firstLine.trim()}):\n  ${f.ename}: ${f.evalue}\n${f.traceback.join("\n")}\n` +
          `  executed copy with outputs: ${report.output}\n`,
      );
      break;
    }
    const partial = report.stoppedBefore ? ` (stopped before "${report.stoppedBefore.heading}")` : "";
    process.stderr.write(`✔ ${report.notebook} in ${report.seconds.toFixed(1)} s${partial} → ${report.output}\n`);
  }
  const summary = { profile: args.profile, seconds: (performance.now() - t0) / 1000, notebooks: reports };
  writeJsonAtomic(join(root, "results", "notebooks-run.json"), summary);
  const failed = reports.filter((r) => !r.ok).length;
  process.stderr.write(`${reports.length - failed}/${notebooks.length} notebooks ran in ${summary.seconds.toFixed(1)} s (profile ${args.profile})\n`);
  process.exit(failed || reports.length < notebooks.length ? 1 : 0);
}

void main();
