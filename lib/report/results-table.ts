import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { Row } from "./table.js";

/**
 * The arquero namespace (`ll.aq.desc("F1")`, `ll.aq.op.mean("F1")`, `ll.aq.escape(fn)`), so a
 * notebook cell can filter, group and join results tables without another import.
 * (Read CSV files with `aq.fromCSV(readFileSync(path, "utf8"))`: `aq.loadCSV` drops rows at
 * 64 KiB chunk boundaries, arquero issue #395.)
 */
export { aq };

/** A results table: an arquero table a user can filter, group, join and derive in a cell. */
export type ResultsTable = ColumnTable;

/**
 * A results table from typed rows (columns in the rows' key order).
 *
 * @example
 * const t = resultsTable(detectionRows(results));
 * t.filter((d) => d["F1 unseen"] < 0.5).select("model", "F1", "F1 unseen");
 */
export function resultsTable(rows: readonly Row[]): ResultsTable {
  return aq.from(rows as object[]);
}

/** True for an arquero table. */
export function isResultsTable(x: unknown): x is ResultsTable {
  return x instanceof aq.ColumnTable;
}

/** A table's rows as plain objects (what CSV, JSON and Markdown writers take). */
export function tableRows(t: ResultsTable | readonly Row[]): Row[] {
  return isResultsTable(t) ? (t.objects() as Row[]) : [...t];
}
