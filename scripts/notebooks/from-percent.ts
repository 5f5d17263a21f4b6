/**
 * Authoring aid: turns a "percent format" script (cells separated by `// %%` lines, Markdown
 * cells by `// %% [markdown]` with each line prefixed by `// `) into an .ipynb for the tslab
 * kernel. The .ipynb is what the repository keeps and runs.
 *
 *   npx tsx scripts/notebooks/from-percent.ts SOURCE.ts notebooks/NN-name.ipynb
 */
import { readFileSync } from "node:fs";
import { writeJsonAtomic } from "../../lib/io/atomic-write.js";
import { toLines, type Notebook, type NotebookCell } from "./notebook-file.js";

export function percentToNotebook(text: string): Notebook {
  const cells: NotebookCell[] = [];
  let current: { kind: "code" | "markdown"; lines: string[] } | null = null;
  const flush = (): void => {
    if (!current) return;
    while (current.lines.length && current.lines[current.lines.length - 1]!.trim() === "") current.lines.pop();
    while (current.lines.length && current.lines[0]!.trim() === "") current.lines.shift();
    const body = current.lines.join("\n");
    if (body.trim() !== "") {
      cells.push(
        current.kind === "code"
          ? { cell_type: "code", source: toLines(body), metadata: {}, outputs: [], execution_count: null, id: `c${cells.length}` }
          : { cell_type: "markdown", source: toLines(body), metadata: {}, id: `c${cells.length}` },
      );
    }
    current = null;
  };
  for (const line of text.split("\n")) {
    const m = /^\/\/ %%(.*)$/.exec(line);
    if (m) {
      flush();
      current = { kind: m[1]!.includes("[markdown]") ? "markdown" : "code", lines: [] };
      continue;
    }
    if (!current) current = { kind: "code", lines: [] };
    current.lines.push(current.kind === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
  }
  flush();
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript", version: "5.0" },
    },
    cells,
  };
}

const [src, out] = process.argv.slice(2);
if (src && out) {
  writeJsonAtomic(out, percentToNotebook(readFileSync(src, "utf8")));
  process.stderr.write(`wrote ${out}\n`);
} else if (process.argv[1]?.endsWith("from-percent.ts")) {
  process.stderr.write("usage: npx tsx scripts/notebooks/from-percent.ts SOURCE.ts OUT.ipynb\n");
  process.exit(2);
}
