/** One row of a results table: column name → value. */
export type Row = Record<string, string | number | boolean | null | undefined>;

/** How numbers are printed in tables: integers as is, others with `digits` significant decimals. */
export function formatCell(v: Row[string], digits = 3): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return v.toLocaleString("en-US").replace(/,/g, Math.abs(v) >= 10000 ? "," : "");
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
    return v.toFixed(digits);
  }
  return String(v);
}

function columnsOf(rows: readonly Row[], columns?: readonly string[]): string[] {
  if (columns) return [...columns];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(rows: readonly Row[], columns?: readonly string[], digits = 3): string {
  const cols = columnsOf(rows, columns);
  const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const head = `| ${cols.map(esc).join(" | ")} |`;
  const sep = `| ${cols.map((c) => (rows.some((r) => typeof r[c] === "number") ? "---:" : "---")).join(" | ")} |`;
  const body = rows.map((r) => `| ${cols.map((c) => esc(formatCell(r[c], digits))).join(" | ")} |`);
  return [head, sep, ...body].join("\n");
}

/** An HTML table (for notebook display). */
export function htmlTable(rows: readonly Row[], columns?: readonly string[], digits = 3): string {
  const cols = columnsOf(rows, columns);
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const th = cols.map((c) => `<th>${esc(c)}</th>`).join("");
  const trs = rows
    .map(
      (r) =>
        `<tr>${cols
          .map((c) => `<td style="text-align:${typeof r[c] === "number" ? "right" : "left"}">${esc(formatCell(r[c], digits))}</td>`)
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`;
}

/** RFC 4180 CSV (fields quoted when they hold a comma, quote or newline). */
export function csvTable(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columnsOf(rows, columns);
  const q = (v: Row[string]): string => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.map((c) => q(c)).join(","), ...rows.map((r) => cols.map((c) => q(r[c])).join(","))].join("\n") + "\n";
}
