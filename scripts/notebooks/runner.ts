import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { createRequire } from "node:module";
import { writeJsonAtomic } from "../../lib/io/atomic-write.js";
import { KernelClient, type CellOutput } from "./kernel-client.js";
import { cellSource, readNotebook, serialiseOutputs, type Notebook, type NotebookCell } from "./notebook-file.js";

/** Options of {@link runNotebook}. */
export interface RunNotebookOptions {
  profile: "smoke" | "full";
  /** Per-cell time limit (default {@link defaultCellTimeoutMs} of the profile). */
  cellTimeoutMs?: number;
  /** Where the executed copy goes (default results/<name>/<name>.ipynb); "in-place" overwrites the source. */
  output?: string | "in-place";
  /** Project root (default: the current directory). */
  root?: string;
  /** Extra environment for the kernel. */
  env?: Record<string, string>;
  /** Called with a one-line status per cell. */
  log?: (line: string) => void;
  /**
   * Stop before the first markdown cell whose first non-empty line contains this text (e.g.
   * "## Part 2"): runs a notebook's first part alone, as a long full profile's parts may be run.
   * The executed copy and the report say where it stopped.
   */
  stopBefore?: string;
  /**
   * Skip a part: from the markdown cell whose first non-empty line contains this text (a heading,
   * e.g. "## Part 1") up to the next markdown heading of the same level, so a later part runs
   * after the setup cells without the parts before it ("## Part 1": notebook 07's second part
   * alone). The executed copy and the report say what was skipped.
   */
  skipPart?: string;
}

/**
 * A cell's time limit when none is given: 30 min in the smoke profile (a hung cell fails CI in
 * time), 4 h in the full one, where one cell may fit a dataset's every model one after another
 * (notebook 06's BGL models take about 45 min with one worker).
 */
export function defaultCellTimeoutMs(profile: "smoke" | "full"): number {
  return profile === "full" ? 4 * 3600_000 : 30 * 60_000;
}

/** What running one notebook did. */
export interface NotebookReport {
  notebook: string;
  ok: boolean;
  seconds: number;
  cellsRun: number;
  output: string;
  /** With `stopBefore`: the heading it stopped at, and the code cells left unrun (null: ran to the end). */
  stoppedBefore?: { heading: string; codeCellsSkipped: number } | null;
  /** With `skipPart`: the heading of the part skipped and its code cells left unrun (null: no such heading, and nothing ran). */
  skippedPart?: { heading: string; codeCellsSkipped: number } | null;
  /** On failure: which cell and why. */
  failure?: { cell: number; firstLine: string; ename: string; evalue: string; traceback: string[] };
}

/** Notebooks in `dir` whose file names start with "0" (00-…, 01-…), in name order. */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^0.*\.ipynb$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Markdown level of a heading line ("## Part 1" → 2), 0 for any other line. */
function headingLevel(line: string): number {
  return /^(#{1,6})\s/.exec(line.trim())?.[1]!.length ?? 0;
}

/** Cells [from, to) of the part whose heading contains `text`: up to the next heading of the same level or higher; null when no heading matches. */
function partRange(cells: readonly NotebookCell[], text: string): { from: number; to: number; heading: string } | null {
  const firstLine = (c: NotebookCell): string => cellSource(c).split("\n").find((l) => l.trim() !== "") ?? "";
  const from = cells.findIndex((c) => c.cell_type === "markdown" && firstLine(c).includes(text));
  if (from < 0) return null;
  const heading = firstLine(cells[from]!).trim();
  const level = headingLevel(heading) || 6;
  let to = from + 1;
  while (to < cells.length && !(cells[to]!.cell_type === "markdown" && headingLevel(firstLine(cells[to]!)) > 0 && headingLevel(firstLine(cells[to]!)) <= level)) to++;
  return { from, to, heading };
}

function stripAnsi(s: string): string {
  return s.replace(/\u001b\[[0-9;]*m/g, "");
}

/**
 * Runs one notebook top to bottom on a fresh tslab kernel (cwd = the notebook's folder,
 * LOGLAB_PROFILE set), stops at the first failing cell, and writes the executed notebook with
 * its outputs.
 */
export async function runNotebook(path: string, options: RunNotebookOptions): Promise<NotebookReport> {
  const root = options.root ?? process.cwd();
  const name = basename(path, ".ipynb");
  const nb: Notebook = readNotebook(path);
  const resultsRoot = options.env?.LOGLAB_RESULTS_DIR || process.env.LOGLAB_RESULTS_DIR || join(root, "results");
  const output = options.output === "in-place" ? path : (options.output ?? join(resultsRoot, name, `${name}.ipynb`));
  const log = options.log ?? ((l: string) => process.stderr.write(l + "\n"));
  const tslabBin = join(createRequire(join(root, "noop.js")).resolve("tslab/package.json"), "..", "bin", "tslab");
  const kernel = new KernelClient({
    cwd: join(path, ".."),
    tslabBin,
    env: { ...process.env, LOGLAB_PROFILE: options.profile, ...(options.env ?? {}) },
  });
  const started = performance.now();
  let cellsRun = 0;
  let failure: NotebookReport["failure"];
  let stoppedBefore: NotebookReport["stoppedBefore"] = options.stopBefore === undefined ? undefined : null;
  let skippedPart: NotebookReport["skippedPart"] = options.skipPart === undefined ? undefined : null;
  const skip = options.skipPart === undefined ? null : partRange(nb.cells, options.skipPart);
  if (options.skipPart !== undefined && !skip) {
    // A part that is not there is a typo, not a reason to run every part.
    const evalue = `no markdown cell's first line contains "${options.skipPart}" (--skip-part); nothing was run`;
    log(`  ${name}: ${evalue}`);
    return { notebook: name, ok: false, seconds: 0, cellsRun: 0, output, failure: { cell: 0, firstLine: "(--skip-part)", ename: "UsageError", evalue, traceback: [] }, skippedPart: null };
  }
  if (skip) skippedPart = { heading: skip.heading, codeCellsSkipped: nb.cells.slice(skip.from, skip.to).filter((c) => c.cell_type === "code").length };
  try {
    await kernel.start();
    for (let i = 0; i < nb.cells.length; i++) {
      const cell = nb.cells[i]!;
      const src = cellSource(cell);
      const firstLine = src.split("\n").find((l) => l.trim() !== "") ?? "";
      if (cell.cell_type === "markdown" && options.stopBefore !== undefined && firstLine.includes(options.stopBefore)) {
        stoppedBefore = { heading: firstLine.trim(), codeCellsSkipped: nb.cells.slice(i).filter((c) => c.cell_type === "code").length };
        log(`  ${name}: stopped before "${firstLine.trim()}" (--stop-before), ${stoppedBefore.codeCellsSkipped} code cells not run`);
        break;
      }
      if (skip && i === skip.from) log(`  ${name}: skipping "${skip.heading}" (--skip-part), ${skippedPart!.codeCellsSkipped} code cells not run`);
      if (skip && i >= skip.from && i < skip.to) continue;
      if (cell.cell_type !== "code") continue;
      const t0 = performance.now();
      const result = src.trim() === "" ? { status: "ok" as const, executionCount: null, outputs: [] as CellOutput[] } : await kernel.execute(src, options.cellTimeoutMs ?? defaultCellTimeoutMs(options.profile));
      cell.outputs = serialiseOutputs(result.outputs) as CellOutput[];
      cell.execution_count = result.executionCount;
      cellsRun++;
      log(`  ${name} cell ${i + 1}/${nb.cells.length} ${result.status} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${firstLine.slice(0, 70)}`);
      if (result.status !== "ok") {
        const e = result.error ?? { ename: "Error", evalue: "", traceback: [] };
        // tslab reports compile errors and uncaught exceptions on stderr, with an empty error reply.
        const stderr = result.outputs
          .filter((o): o is Extract<CellOutput, { output_type: "stream" }> => o.output_type === "stream" && o.name === "stderr")
          .map((o) => o.text)
          .join("");
        if (e.evalue === "" && e.traceback.length === 0) e.evalue = stderr.trim() || "the cell failed without a message";
        failure = { cell: i + 1, firstLine, ename: e.ename, evalue: stripAnsi(e.evalue), traceback: e.traceback.map(stripAnsi) };
        break;
      }
    }
  } catch (err) {
    failure = { cell: 0, firstLine: "(kernel start)", ename: "KernelError", evalue: (err as Error).message, traceback: [] };
  } finally {
    await kernel.shutdown();
  }
  nb.metadata = {
    ...nb.metadata,
    loglab: { profile: options.profile, executedAt: new Date().toISOString(), ok: !failure, ...(stoppedBefore ? { stoppedBefore } : {}), ...(skippedPart ? { skippedPart } : {}) },
  };
  writeJsonAtomic(output, nb);
  return { notebook: name, ok: !failure, seconds: (performance.now() - started) / 1000, cellsRun, output, failure, ...(stoppedBefore !== undefined ? { stoppedBefore } : {}), ...(skippedPart !== undefined ? { skippedPart } : {}) };
}
