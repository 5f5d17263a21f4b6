import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic-write.js";
import { closeFigureRenderer, saveFigure, type SaveFigureOptions, type SavedFigure } from "../plots/save.js";
import type { Figure } from "../plots/figure.js";
import { writeManifest, Stopwatch, type RunManifest } from "../runtime/manifest.js";
import { resultsPath } from "../runtime/project.js";
import { showFigure, showTable } from "./display.js";
import { resultsTable, tableRows, type ResultsTable } from "./results-table.js";
import { csvTable, markdownTable, type Row } from "./table.js";

/**
 * The artifacts of one notebook run under `results/<name>/`: metrics JSON, tables (CSV, JSON and
 * Markdown), figures (`figures/*.html` + `*.png`), and at the end a `manifest.json` listing
 * config, seed, inputs (hashed), backend, timings and every file written.
 *
 * @example
 * const run = startRun("05-classic-models", config, config.seed);
 * await run.figure(rocFigure, "hdfs-roc");
 * run.table("hdfs-results", rows);
 * await run.finish({ inputs: [dataPath("hdfs-deeplog", "hdfs_train")], backend: "wasm" });
 */
export class NotebookRun {
  readonly dir: string;
  readonly figuresDir: string;
  readonly stopwatch = new Stopwatch();
  private readonly outputs = new Set<string>();
  private readonly startedAt = performance.now();

  constructor(
    readonly name: string,
    readonly config: unknown,
    readonly seed: number | null,
    dir?: string,
    /** Options applied to every `figure()` call (a call's own options win). */
    readonly figureDefaults: SaveFigureOptions = {},
  ) {
    this.dir = dir ?? resultsPath(name);
    this.figuresDir = join(this.dir, "figures");
    mkdirSync(this.figuresDir, { recursive: true });
  }

  /** Absolute path of a file in this run's folder (records it as an output). */
  path(relative: string): string {
    this.outputs.add(relative);
    return join(this.dir, relative);
  }

  /** Writes JSON atomically, e.g. `run.json("metrics.json", metrics)`. */
  json(relative: string, value: unknown): string {
    const p = this.path(relative);
    writeJsonAtomic(p, value);
    return p;
  }

  /** Writes a text file atomically. */
  text(relative: string, value: string): string {
    const p = this.path(relative);
    writeFileAtomic(p, value);
    return p;
  }

  /**
   * Writes a table (typed rows, or an arquero table) as `tables/<name>.csv`, `.json` and `.md`,
   * shows it (unless `show: false`), and returns it as an arquero table for later cells to
   * filter, group or join.
   */
  table(name: string, table: readonly Row[] | ResultsTable, options: { title?: string; columns?: readonly string[]; digits?: number; show?: boolean } = {}): ResultsTable {
    const rows = tableRows(table);
    this.text(`tables/${name}.csv`, csvTable(rows, options.columns));
    this.json(`tables/${name}.json`, rows);
    this.text(`tables/${name}.md`, markdownTable(rows, options.columns, options.digits) + "\n");
    if (options.show !== false) showTable(rows, { title: options.title ?? name, columns: options.columns, digits: options.digits });
    const out = Array.isArray(table) ? resultsTable(rows) : (table as ResultsTable);
    // A cell ending in run.table(…) has the table as its value, which tslab prints with
    // util.inspect: arquero's internals, after the table itself was shown. Print one line instead.
    const columns = rows.length > 0 ? Object.keys(rows[0]!).length : 0;
    Object.defineProperty(out, inspect.custom, { value: () => `[table ${name}: ${rows.length} rows × ${columns} columns, shown above; tables/${name}.csv]`, enumerable: false, configurable: true });
    return out;
  }

  /** Saves a figure (HTML + PNG) under `figures/` and shows it. */
  async figure(fig: Figure, name: string, options: SaveFigureOptions & { show?: boolean } = {}): Promise<SavedFigure> {
    const saved = await saveFigure(fig, this.figuresDir, name, { ...this.figureDefaults, ...options });
    this.outputs.add(`figures/${name}.html`);
    if (saved.png) this.outputs.add(`figures/${name}.png`);
    if (options.show !== false) showFigure(saved);
    // As for tables: a cell ending in `await run.figure(…)` prints one line, not the object.
    Object.defineProperty(saved, inspect.custom, { value: () => `[figure ${name}: figures/${name}.html${saved.png ? ", .png" : ""}, shown above]`, enumerable: false, configurable: true });
    return saved;
  }

  /**
   * Writes a manifest of what the run wrote so far, marked `completedThrough: part`, and keeps the
   * run open: a notebook whose parts may be run alone (`npm run notebooks -- --stop-before …`)
   * leaves a true manifest after each part; `finish` overwrites it with the complete one.
   */
  async checkpoint(part: string, args: { inputs?: readonly string[]; backend?: string | null } = {}): Promise<RunManifest> {
    return this.writeRunManifest(args, part);
  }

  /** Writes the manifest and closes the figure renderer. Call once, in the last cell. */
  async finish(args: { inputs?: readonly string[]; backend?: string | null } = {}): Promise<RunManifest> {
    await closeFigureRenderer();
    return this.writeRunManifest(args);
  }

  private writeRunManifest(args: { inputs?: readonly string[]; backend?: string | null }, completedThrough?: string): Promise<RunManifest> {
    return writeManifest(this.dir, {
      producer: `notebook ${this.name}`,
      config: this.config,
      seed: this.seed,
      inputs: args.inputs,
      backend: args.backend ?? null,
      timings: { ...this.stopwatch.timings, total: (performance.now() - this.startedAt) / 1000 },
      outputs: [...this.outputs],
      ...(completedThrough !== undefined ? { completedThrough } : {}),
    });
  }
}

/** Options of {@link startRun}. */
export interface StartRunOptions {
  /**
   * Defaults for every figure of the run, e.g. `{ inline: true }` for single-file HTML pages that
   * embed the Plotly bundle (4.8 MB each) instead of loading the copy shared by `figures/`.
   */
  figures?: SaveFigureOptions;
}

/** Starts a notebook run writing under `results/<name>/`. */
export function startRun(name: string, config: unknown, seed: number | null = null, options: StartRunOptions = {}): NotebookRun {
  return new NotebookRun(name, config, seed, undefined, options.figures ?? {});
}
