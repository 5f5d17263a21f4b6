import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { createRequire } from "node:module";
import { writeJsonAtomic } from "../../lib/io/atomic-write.js";
import { KernelClient, type CellOutput } from "./kernel-client.js";
import { cellSource, readNotebook, serialiseOutputs, type Notebook } from "./notebook-file.js";

/** Options of {@link runNotebook}. */
export interface RunNotebookOptions {
  profile: "smoke" | "full";
  /** Per-cell time limit (default 30 min). */
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
      if (cell.cell_type !== "code") continue;
      const t0 = performance.now();
      const result = src.trim() === "" ? { status: "ok" as const, executionCount: null, outputs: [] as CellOutput[] } : await kernel.execute(src, options.cellTimeoutMs ?? 30 * 60_000);
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
    loglab: { profile: options.profile, executedAt: new Date().toISOString(), ok: !failure, ...(stoppedBefore ? { stoppedBefore } : {}) },
  };
  writeJsonAtomic(output, nb);
  return { notebook: name, ok: !failure, seconds: (performance.now() - started) / 1000, cellsRun, output, failure, ...(stoppedBefore !== undefined ? { stoppedBefore } : {}) };
}
