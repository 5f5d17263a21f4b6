import { readFileSync } from "node:fs";
import type { CellOutput } from "./kernel-client.js";

/** The parts of an nbformat v4 notebook the runner reads and writes. */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: CellOutput[];
  execution_count?: number | null;
  id?: string;
}

/** Reads and checks a notebook file; errors name the file. */
export function readNotebook(path: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(readFileSync(path, "utf8")) as Notebook;
  } catch (err) {
    throw new Error(`${path}: not a readable notebook (${(err as Error).message})`);
  }
  if (nb.nbformat !== 4 || !Array.isArray(nb.cells)) throw new Error(`${path}: expected an nbformat 4 notebook with cells`);
  return nb;
}

/** A cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Splits text the way nbformat stores multi-line strings (lines keep their "\n"). */
export function toLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

/** Outputs in nbformat's on-disk shape (multi-line strings as line arrays). */
export function serialiseOutputs(outputs: readonly CellOutput[]): unknown[] {
  return outputs.map((o) => {
    if (o.output_type === "stream") return { ...o, text: toLines(o.text) };
    if (o.output_type === "display_data" || o.output_type === "execute_result") {
      const data: Record<string, unknown> = {};
      for (const [mime, v] of Object.entries(o.data)) {
        data[mime] = typeof v === "string" && (mime.startsWith("text/") || mime === "image/svg+xml") ? toLines(v) : v;
      }
      return { ...o, data };
    }
    return o;
  });
}
