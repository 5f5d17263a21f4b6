import { existsSync } from "node:fs";
import { readCsvFile } from "../io/csv.js";
import { dataPath } from "../runtime/project.js";
import { isLoghubSystem, LOGHUB_SYSTEMS, type LoghubSystem } from "../parse/formats/loghub-presets.js";

function checkSystem(system: string): asserts system is LoghubSystem {
  if (!isLoghubSystem(system)) {
    throw new Error(`"${system}" is not a LogHub 2k system (one of ${LOGHUB_SYSTEMS.join(", ")})`);
  }
}

/** Options of the LogHub 2k readers. */
export interface LoghubOptions {
  /**
   * Use the corrected ground truth of Khan et al. (ICSE'22) instead of the original LogHub one
   * (default false). The two are different conventions (e.g. HDFS `blk_<*>` vs `<*>`).
   */
  corrected?: boolean;
}

/**
 * Path of a system's raw 2k log. With `corrected`, Mac gets `Mac_2k_corrected.log`, the raw file
 * that matches the corrected CSV (3 lines differ); every other system has one raw file.
 *
 * @example
 * loghubLogPath("HDFS"); // <root>/data/loghub-2k/HDFS/HDFS_2k.log
 */
export function loghubLogPath(system: LoghubSystem, options: LoghubOptions = {}): string {
  checkSystem(system);
  if (options.corrected && system === "Mac") return dataPath("loghub-2k", "Mac", "Mac_2k_corrected.log");
  return dataPath("loghub-2k", system, `${system}_2k.log`);
}

/** Path of a system's structured ground-truth CSV (original or corrected). */
export function loghubStructuredPath(system: LoghubSystem, options: LoghubOptions = {}): string {
  checkSystem(system);
  return dataPath("loghub-2k", system, `${system}_2k.log_structured${options.corrected ? "_corrected" : ""}.csv`);
}

/** One ground-truth row of `<S>_2k.log_structured[_corrected].csv`. */
export interface LoghubStructuredRow {
  /** 1-based line number in the raw 2k log. */
  lineId: number;
  /** The header fields of the system's log format (Date, Time, Level, …) as written in the raw line. */
  fields: Record<string, string>;
  /** The message after the header. */
  content: string;
  /** Ground-truth event id (`E1`, `E2`, …; ids differ between original and corrected files). */
  eventId: string;
  /** Ground-truth template, parameters as `<*>`. */
  eventTemplate: string;
}

/** Options of {@link readLoghubStructured}. */
export interface ReadLoghubStructuredOptions extends LoghubOptions {
  /**
   * For the corrected CSVs only: take the header fields from the original CSV (default true).
   * The corrected files went through a numeric conversion that lost leading zeros (HDFS Date
   * `081109` → `81109`) and turned some ids into floats (Linux PID `19939` → `19939.0`); the raw
   * header text is the same in both files, so the original's fields are the faithful ones.
   */
  restoreFields?: boolean;
}

const cache = new Map<string, LoghubStructuredRow[]>();

/**
 * Reads a system's structured ground truth: one typed row per raw line, in line order.
 * Checks that there are 2,000 rows with LineIds 1…2000 and the expected columns; errors name
 * the file. Rows are cached per process and returned as a fresh array each call (do not mutate
 * the row objects).
 *
 * Caveats (see data/README.md): Mac's corrected rows match `Mac_2k_corrected.log`
 * (use `loghubLogPath("Mac", { corrected: true })`); HealthApp line 702's corrected `content` has
 * spaces the raw line lacks; Thunderbird's corrected templates file is malformed (see
 * {@link readLoghubTemplates}).
 *
 * @example
 * const rows = readLoghubStructured("HDFS", { corrected: true });
 * rows[0].eventTemplate; // "PacketResponder <*> for block <*> terminating"
 */
export function readLoghubStructured(system: LoghubSystem, options: ReadLoghubStructuredOptions = {}): LoghubStructuredRow[] {
  checkSystem(system);
  const corrected = options.corrected === true;
  const restore = corrected && options.restoreFields !== false;
  const key = `${system}:${corrected}:${restore}`;
  const hit = cache.get(key);
  if (hit) return hit.slice();
  const path = loghubStructuredPath(system, { corrected });
  if (!existsSync(path)) throw new Error(`${path}: missing (the LogHub 2k ground truth ships in data/loghub-2k)`);
  const { header, records } = readCsvFile(path);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: no "${name}" column (columns: ${header.join(", ")})`);
    return i;
  };
  const iLine = col("LineId");
  const iContent = col("Content");
  const iId = col("EventId");
  const iTemplate = col("EventTemplate");
  const fieldNames = header.filter((_, i) => i !== iLine && i !== iContent && i !== iId && i !== iTemplate);
  const fieldIdx = fieldNames.map((f) => header.indexOf(f));
  const original = restore ? readLoghubStructured(system, { corrected: false }) : null;
  const rows: LoghubStructuredRow[] = records.map((r, k) => {
    const lineId = Number(r[iLine]);
    if (lineId !== k + 1) throw new Error(`${path}: record ${k + 1} has LineId ${r[iLine]}, expected ${k + 1}`);
    let fields: Record<string, string> = {};
    if (original) fields = { ...original[k]!.fields };
    else fieldNames.forEach((f, j) => (fields[f] = r[fieldIdx[j]!]!));
    return { lineId, fields, content: r[iContent]!, eventId: r[iId]!, eventTemplate: r[iTemplate]! };
  });
  if (rows.length !== 2000) throw new Error(`${path}: ${rows.length} rows, expected 2000`);
  cache.set(key, rows);
  return rows.slice();
}

/** The header field names of a system's structured CSV, in column order (e.g. HDFS: Date, Time, Pid, Level, Component). */
export function loghubHeaderFields(system: LoghubSystem): string[] {
  const first = readLoghubStructured(system)[0]!;
  return Object.keys(first.fields);
}

/** One ground-truth template of a system with its number of lines. */
export interface LoghubTemplateRow {
  eventId: string;
  eventTemplate: string;
  /** Lines of the 2k sample with this template. */
  occurrences: number;
}

/**
 * A system's ground-truth templates (original or corrected), derived from the structured CSV so
 * they always agree with its rows: distinct EventTemplate values in order of first occurrence,
 * with counts. (The shipped `Thunderbird_2k.log_templates_corrected.csv` has an unbalanced quote
 * on its E29 row, so a CSV reader sees 144 rows where the structured file uses 149 templates.)
 *
 * @example
 * readLoghubTemplates("HDFS").length; // 14
 */
export function readLoghubTemplates(system: LoghubSystem, options: LoghubOptions = {}): LoghubTemplateRow[] {
  const byTemplate = new Map<string, LoghubTemplateRow>();
  for (const r of readLoghubStructured(system, options)) {
    const t = byTemplate.get(r.eventTemplate);
    if (t) t.occurrences++;
    else byTemplate.set(r.eventTemplate, { eventId: r.eventId, eventTemplate: r.eventTemplate, occurrences: 1 });
  }
  return [...byTemplate.values()];
}
