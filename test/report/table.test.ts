import { describe, expect, it } from "vitest";
import { csvTable, formatCell, htmlTable, markdownTable } from "../../lib/report/table.js";

describe("tables", () => {
  const rows = [
    { model: "pca", f1: 0.76923, fp: 12 },
    { model: "a|b", f1: 1, fp: 12345 },
  ];
  it("formats numbers", () => {
    expect(formatCell(0.76923)).toBe("0.769");
    expect(formatCell(12345)).toBe("12,345");
    expect(formatCell(1234)).toBe("1234");
    expect(formatCell(0.00001)).toBe("1.00e-5");
    expect(formatCell(null)).toBe("");
  });
  it("renders Markdown with escaped pipes and right-aligned numbers", () => {
    expect(markdownTable(rows)).toBe(["| model | f1 | fp |", "| --- | ---: | ---: |", "| pca | 0.769 | 12 |", "| a\\|b | 1 | 12,345 |"].join("\n"));
  });
  it("renders CSV with quoting", () => {
    expect(csvTable([{ a: 'x,"y"', b: 2 }])).toBe('a,b\n"x,""y""",2\n');
  });
  it("renders HTML with escaping", () => {
    expect(htmlTable([{ a: "<b>" }])).toContain("&lt;b&gt;");
  });
});
