import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { showFigure, showMarkdown, showTable } from "../../lib/report/display.js";
import { htmlTable, markdownTable } from "../../lib/report/table.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-display-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const rows = [
  { model: "pca", f1: 0.12345 },
  { model: "lr", f1: 1 },
];

function logged(fn: () => void): string[] {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((s: unknown) => void lines.push(String(s)));
  fn();
  return lines;
}

describe("outside a notebook kernel: printed text", () => {
  it("showTable prints an optional title line and the Markdown table", () => {
    expect(logged(() => showTable(rows, { title: "Results", digits: 2 }))).toEqual([`Results\n${markdownTable(rows, undefined, 2)}`]);
    expect(logged(() => showTable(rows, { columns: ["f1"] }))).toEqual([markdownTable(rows, ["f1"])]);
  });

  it("showMarkdown prints the text as is", () => {
    expect(logged(() => showMarkdown("# Hi\n*there*"))).toEqual(["# Hi\n*there*"]);
  });

  it("showFigure prints both paths, or why the PNG was skipped", () => {
    expect(logged(() => showFigure({ name: "roc", html: "/r/roc.html", png: "/r/roc.png" } as never))).toEqual(["figure roc: /r/roc.html and /r/roc.png"]);
    expect(logged(() => showFigure({ name: "roc", html: "/r/roc.html", png: null, pngSkipped: "no Chromium" } as never))).toEqual(["figure roc: /r/roc.html (PNG skipped: no Chromium)"]);
  });
});

describe("inside a tslab kernel: rich display", () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
  });
  const tslab = createRequire(join(process.cwd(), "noop.js"))("tslab") as { display: { html(s: string): void; markdown(s: string): void; png(b: Uint8Array): void } };

  it("tables as HTML (title as <h4>), Markdown as Markdown, figures as their PNG bytes plus the paths", () => {
    process.argv = [...argv, "kernel", "/x/node_modules/tslab/bin/tslab"];
    const html = vi.spyOn(tslab.display, "html").mockImplementation(() => {});
    const md = vi.spyOn(tslab.display, "markdown").mockImplementation(() => {});
    const png = vi.spyOn(tslab.display, "png").mockImplementation(() => {});
    const log = logged(() => {
      showTable(rows, { title: "Results" });
      showMarkdown("**bold**");
      const file = join(dir, "f.png");
      writeFileSync(file, Uint8Array.of(137, 80, 78, 71));
      showFigure({ name: "f", html: "/r/f.html", png: file } as never);
    });
    expect(html).toHaveBeenCalledWith(`<h4>Results</h4>\n${htmlTable(rows)}`);
    expect(md).toHaveBeenCalledWith("**bold**");
    expect(Array.from(png.mock.calls[0]![0])).toEqual([137, 80, 78, 71]);
    expect(log).toEqual([`figure f: /r/f.html and ${join(dir, "f.png")}`]);
  });

  it("needs both a 'kernel' argument and a tslab argument", () => {
    process.argv = [...argv, "kernel"];
    const html = vi.spyOn(tslab.display, "html").mockImplementation(() => {});
    expect(logged(() => showTable(rows))).toHaveLength(1);
    expect(html).not.toHaveBeenCalled();
  });
});
