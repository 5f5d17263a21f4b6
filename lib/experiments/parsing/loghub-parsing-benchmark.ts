import { loghubLogPath, readLoghubStructured } from "../../data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { readAllLines } from "../../io/line-reader.js";
import type { Rejected } from "../../io/rejected.js";
import type { MinerMode } from "../../parse/drain/template-miner.js";
import { loghubPreset } from "../../parse/formats/loghub-presets.js";
import { parseLines, type ParsedLines } from "../../parse/log-parser.js";
import { writeStructuredFiles } from "../../parse/structured-output.js";
import { parsingMetrics } from "../../eval/parsing-metrics.js";

/**
 * Parses the LogHub 2k systems with their presets and scores the templates against both ground
 * truths: the benchmark behind `npm run bench:parse`'s accuracy table and notebook 01.
 */

/** GA, PA, FGA and FTA of one parse against both ground truths. */
export interface LoghubParsingAccuracy {
  /** Against the original LogHub ground truth. */
  ga: number;
  pa: number;
  fga: number;
  fta: number;
  /** Against the corrected ground truth (Khan et al., ICSE'22). */
  gaCorrected: number;
  paCorrected: number;
  fgaCorrected: number;
  ftaCorrected: number;
}

/** One system × one miner mode. */
export interface LoghubParsingRow extends LoghubParsingAccuracy {
  system: LoghubSystem;
  mode: MinerMode;
  /** Distinct templates found / in the original ground truth. */
  templates: number;
  truthTemplates: number;
  lines: number;
  rejected: number;
  /** Drain's published grouping accuracy on the original ground truth (logparser's README). */
  publishedDrainGa: number;
}

/** The output of {@link benchmarkLoghubParsing}. */
export interface LoghubParsingBenchmark {
  rows: LoghubParsingRow[];
  /** Per mode: the mean of each metric over the systems. */
  averages: (Omit<LoghubParsingRow, "system"> & { system: "average" })[];
  /** The parse of each system's original raw log, per mode. */
  parsed: Record<MinerMode, Partial<Record<LoghubSystem, ParsedLines>>>;
  /** Every rejected line (none on the shipped samples; reported anyway). */
  rejects: Rejected[];
}

/** Options of {@link benchmarkLoghubParsing}. */
export interface LoghubParsingBenchmarkOptions {
  /** Systems to parse (default all 16). */
  systems?: readonly LoghubSystem[];
  /** Miner modes to compare (default loglab and plain Drain). */
  modes?: readonly MinerMode[];
}

/**
 * Parses each system's 2k raw log with its preset, in each mode, and computes GA, PA, FGA, FTA
 * against the original and the corrected ground truth (Mac's corrected truth is scored on its own
 * corrected raw log, `Mac_2k_corrected.log`).
 *
 * @example
 * const bench = await benchmarkLoghubParsing();
 * showTable(bench.averages);
 */
export async function benchmarkLoghubParsing(options: LoghubParsingBenchmarkOptions = {}): Promise<LoghubParsingBenchmark> {
  const systems = options.systems ?? LOGHUB_SYSTEMS;
  const modes = options.modes ?? (["loglab", "drain"] as const);
  const rows: LoghubParsingRow[] = [];
  const parsed = { loglab: {}, drain: {} } as LoghubParsingBenchmark["parsed"];
  const rejects: Rejected[] = [];
  for (const system of systems) {
    const raw = (await readAllLines(loghubLogPath(system))).lines;
    const rawCorrected = system === "Mac" ? (await readAllLines(loghubLogPath(system, { corrected: true }))).lines : raw;
    const truth = readLoghubStructured(system).map((r) => r.eventTemplate);
    const truthCorrected = readLoghubStructured(system, { corrected: true }).map((r) => r.eventTemplate);
    for (const mode of modes) {
      const p = parseLines(raw, { format: system, mode, file: loghubLogPath(system) });
      const pc = rawCorrected === raw ? p : parseLines(rawCorrected, { format: system, mode, file: loghubLogPath(system, { corrected: true }) });
      parsed[mode][system] = p;
      rejects.push(...p.rejects);
      const byLine = (r: ParsedLines, n: number): string[] => {
        // Rejected lines (none on the shipped samples) count as wrong: an empty template.
        const t = new Array<string>(n).fill("");
        for (const e of r.events) t[e.lineNo - 1] = e.template;
        return t;
      };
      const m = parsingMetrics(truth, byLine(p, truth.length));
      const mc = parsingMetrics(truthCorrected, byLine(pc, truthCorrected.length));
      rows.push({
        system,
        mode,
        ga: m.ga,
        pa: m.pa,
        fga: m.fga,
        fta: m.fta,
        gaCorrected: mc.ga,
        paCorrected: mc.pa,
        fgaCorrected: mc.fga,
        ftaCorrected: mc.fta,
        templates: m.predictedTemplates,
        truthTemplates: m.truthTemplates,
        lines: raw.length,
        rejected: p.rejects.length,
        publishedDrainGa: loghubPreset(system).published.groupingAccuracy,
      });
    }
  }
  const keys = ["ga", "pa", "fga", "fta", "gaCorrected", "paCorrected", "fgaCorrected", "ftaCorrected", "templates", "truthTemplates", "lines", "rejected", "publishedDrainGa"] as const;
  const averages = modes.map((mode) => {
    const mine = rows.filter((r) => r.mode === mode);
    const avg = Object.fromEntries(keys.map((k) => [k, mine.reduce((a, r) => a + r[k], 0) / Math.max(1, mine.length)]));
    return { system: "average" as const, mode, ...avg } as Omit<LoghubParsingRow, "system"> & { system: "average" };
  });
  return { rows, averages, parsed, rejects };
}

/** One row of the parsing-accuracy table (a system, or the average, in one mode). */
export type LoghubParsingTableRow = {
  system: LoghubSystem | "average";
  mode: MinerMode;
  GA: number;
  PA: number;
  FGA: number;
  FTA: number;
  "GA (corrected)": number;
  "PA (corrected)": number;
  "FGA (corrected)": number;
  "FTA (corrected)": number;
  templates: number;
  "truth templates": number;
  "Drain GA (published)": number;
};

/** Rows for display: metrics rounded to 4 decimals, one row per system and mode, averages last. */
export function loghubParsingRows(bench: LoghubParsingBenchmark): LoghubParsingTableRow[] {
  const r4 = (x: number): number => Math.round(x * 10000) / 10000;
  return [...bench.rows, ...bench.averages].map((r) => ({
    system: r.system,
    mode: r.mode,
    GA: r4(r.ga),
    PA: r4(r.pa),
    FGA: r4(r.fga),
    FTA: r4(r.fta),
    "GA (corrected)": r4(r.gaCorrected),
    "PA (corrected)": r4(r.paCorrected),
    "FGA (corrected)": r4(r.fgaCorrected),
    "FTA (corrected)": r4(r.ftaCorrected),
    templates: r4(r.templates),
    "truth templates": r4(r.truthTemplates),
    "Drain GA (published)": r4(r.publishedDrainGa),
  }));
}

/** One row of the template-count table. */
export type TemplateCountRow = {
  system: LoghubSystem;
  mode: MinerMode;
  "templates found": number;
  "truth templates": number;
  "truth templates (corrected)": number;
  "largest template": string;
  "its lines": number;
};

/** Per system and mode: templates found vs in the ground truths, and the largest template's share. */
export function templateCountRows(bench: LoghubParsingBenchmark): TemplateCountRow[] {
  return bench.rows.map((r) => {
    const p = bench.parsed[r.mode][r.system];
    const top = p?.templates[0];
    return {
      system: r.system,
      mode: r.mode,
      "templates found": r.templates,
      "truth templates": r.truthTemplates,
      "truth templates (corrected)": new Set(readLoghubStructured(r.system, { corrected: true }).map((x) => x.eventTemplate)).size,
      "largest template": top ? top.template : "",
      "its lines": top ? top.count : 0,
    };
  });
}

/** One row of the reject table. */
export type RejectRow = { system: LoghubSystem; lines: number; parsed: number; rejected: number; reasons: string };

/** Per system: lines read, rejected, and the reject reasons with counts. */
export function rejectRows(bench: LoghubParsingBenchmark): RejectRow[] {
  return bench.rows
    .filter((r, i, all) => all.findIndex((x) => x.system === r.system) === i)
    .map((r) => {
      const mine = bench.rejects.filter((x) => x.file === loghubLogPath(r.system));
      const reasons = new Map<string, number>();
      for (const x of mine) reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + 1);
      return {
        system: r.system,
        lines: r.lines,
        parsed: r.lines - r.rejected,
        rejected: r.rejected,
        reasons: [...reasons].map(([k, n]) => `${n} × ${k}`).join("; ") || "(none)",
      };
    });
}

/**
 * Writes every system's parse (one mode) in LogHub's layout under `dir`:
 * `<System>_2k.log_structured.csv` (+ `.arrow`), `_templates.csv`, `_rejects.csv`. Returns the paths.
 */
export async function writeLoghubStructured(dir: string, bench: LoghubParsingBenchmark, mode: MinerMode = "loglab", options: { arrow?: boolean } = {}): Promise<string[]> {
  const out: string[] = [];
  for (const [system, p] of Object.entries(bench.parsed[mode]) as [LoghubSystem, ParsedLines][]) {
    out.push(...(await writeStructuredFiles(dir, `${system}_2k.log`, { events: p.events, templates: p.templates, rejects: p.rejects, fields: p.format.fields }, options)));
  }
  return out;
}
