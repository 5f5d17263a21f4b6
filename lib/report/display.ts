import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { SavedFigure } from "../plots/save.js";
import { tableRows, type ResultsTable } from "./results-table.js";
import { htmlTable, markdownTable, type Row } from "./table.js";

interface TslabDisplay {
  html(s: string): void;
  markdown(s: string): void;
  png(b: Uint8Array): void;
  text(s: string): void;
}

function tslabDisplay(): TslabDisplay | null {
  if (!(process.argv.some((a) => a === "kernel") && process.argv.some((a) => a.includes("tslab")))) return null;
  try {
    return (createRequire(join(process.cwd(), "noop.js"))("tslab") as { display: TslabDisplay }).display;
  } catch {
    return null;
  }
}

/** Shows a table (typed rows or an arquero table): as HTML in a notebook, as Markdown elsewhere. */
export function showTable(table: readonly Row[] | ResultsTable, options: { title?: string; columns?: readonly string[]; digits?: number } = {}): void {
  const rows = tableRows(table);
  const d = tslabDisplay();
  if (d) {
    d.html(`${options.title ? `<h4>${options.title}</h4>\n` : ""}${htmlTable(rows, options.columns, options.digits)}`);
  } else {
    console.log(`${options.title ? options.title + "\n" : ""}${markdownTable(rows, options.columns, options.digits)}`);
  }
}

/** Shows Markdown text (rendered in a notebook, printed elsewhere). */
export function showMarkdown(text: string): void {
  const d = tslabDisplay();
  if (d) d.markdown(text);
  else console.log(text);
}

/** Shows a saved figure: its PNG inline in a notebook, with the paths of both files. */
export function showFigure(saved: SavedFigure): void {
  const d = tslabDisplay();
  if (d && saved.png) d.png(readFileSync(saved.png));
  console.log(`figure ${saved.name}: ${saved.html}${saved.png ? ` and ${saved.png}` : ` (PNG skipped: ${saved.pngSkipped})`}`);
}
