import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeJsonAtomic } from "../../lib/io/atomic-write.js";
import { percentToNotebook } from "../../scripts/notebooks/from-percent.js";
import { defaultCellTimeoutMs, runNotebook } from "../../scripts/notebooks/runner.js";

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "loglab-runner-"));
symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function notebook(name: string, percent: string): string {
  const p = join(dir, `${name}.ipynb`);
  writeJsonAtomic(p, percentToNotebook(percent));
  return p;
}

describe("defaultCellTimeoutMs", () => {
  it("gives a hung smoke cell 30 minutes and a full-profile cell 4 hours (one cell may fit every model of a dataset)", () => {
    expect(defaultCellTimeoutMs("smoke")).toBe(30 * 60_000);
    expect(defaultCellTimeoutMs("full")).toBe(4 * 3600_000);
  });
});

describe("runNotebook on the tslab kernel", () => {
  it("runs cells in order, keeps state, captures stdout, displays and results, and sets the profile", async () => {
    const nb = notebook(
      "01-ok",
      [
        "// %% [markdown]",
        "// # Title",
        "// %%",
        "const x: number = 20 + 1;",
        "console.log(`x=${x}`, process.env.LOGLAB_PROFILE);",
        "// %%",
        'import * as tslab from "tslab";',
        'tslab.display.html("<b>bold</b>");',
        "// %%",
        "x * 2",
      ].join("\n"),
    );
    const out = join(dir, "out-ok.ipynb");
    const report = await runNotebook(nb, { profile: "full", root, output: out, log: () => undefined });
    expect(report.ok).toBe(true);
    expect(report.cellsRun).toBe(3);
    const executed = JSON.parse(readFileSync(out, "utf8"));
    const code = executed.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
    expect(code[0].outputs[0]).toMatchObject({ output_type: "stream", name: "stdout", text: ["x=21 full\n"] });
    expect(code[1].outputs[0]).toMatchObject({ output_type: "display_data", data: { "text/html": ["<b>bold</b>"] } });
    // tslab prints a cell's last expression to stdout.
    expect(JSON.stringify(code[2].outputs)).toContain("42");
    expect(executed.metadata.loglab).toMatchObject({ profile: "full", ok: true });
  }, 120_000);

  it("stops at the first failing cell and names it", async () => {
    const nb = notebook(
      "02-fail",
      ["// %%", "const a = 1;", "// %%", 'throw new Error("broken on purpose");', "// %%", 'console.log("never");'].join("\n"),
    );
    const out = join(dir, "out-fail.ipynb");
    const report = await runNotebook(nb, { profile: "smoke", root, output: out, log: () => undefined });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ cell: 2, firstLine: 'throw new Error("broken on purpose");' });
    expect(report.failure!.evalue + report.failure!.traceback.join("\n")).toContain("broken on purpose");
    const executed = JSON.parse(readFileSync(out, "utf8"));
    expect(executed.cells[2].outputs).toEqual([]);
  }, 120_000);

  it("stops before the markdown cell holding the --stop-before text and says so", async () => {
    const nb = notebook(
      "04-parts",
      ["// %% [markdown]", "// ## Part 1", "// %%", 'console.log("part one");', "// %% [markdown]", "// ## Part 2: later", "// %%", 'console.log("part two");', "// %%", "1 + 1"].join("\n"),
    );
    const out = join(dir, "out-parts.ipynb");
    const report = await runNotebook(nb, { profile: "smoke", root, output: out, log: () => undefined, stopBefore: "## Part 2" });
    expect(report.ok).toBe(true);
    expect(report.cellsRun).toBe(1);
    expect(report.stoppedBefore).toEqual({ heading: "## Part 2: later", codeCellsSkipped: 2 });
    const executed = JSON.parse(readFileSync(out, "utf8"));
    expect(executed.metadata.loglab.stoppedBefore.codeCellsSkipped).toBe(2);
    expect(JSON.stringify(executed.cells[3].outputs ?? [])).not.toContain("part two");
  }, 120_000);

  it("skipPart skips one part, from its heading to the next heading of its level, and says so; a missing part runs nothing", async () => {
    const nb = notebook(
      "05-skip",
      ["// %%", "const setup = 41;", "// %% [markdown]", "// ## Part 1", "// %%", 'console.log("part one");', "// %% [markdown]", "// ### inside part 1", "// %%", 'console.log("still one");', "// %% [markdown]", "// ## Part 2: later", "// %%", 'console.log("part two", setup + 1);'].join("\n"),
    );
    const out = join(dir, "out-skip.ipynb");
    const report = await runNotebook(nb, { profile: "smoke", root, output: out, log: () => undefined, skipPart: "## Part 1" });
    expect(report.ok).toBe(true);
    expect(report.cellsRun).toBe(2);
    expect(report.skippedPart).toEqual({ heading: "## Part 1", codeCellsSkipped: 2 });
    const executed = JSON.parse(readFileSync(out, "utf8"));
    expect(executed.metadata.loglab.skippedPart.codeCellsSkipped).toBe(2);
    const text = JSON.stringify(executed.cells.map((c: { outputs?: unknown }) => c.outputs ?? []));
    expect(text).not.toContain("part one");
    expect(text).not.toContain("still one");
    expect(text).toContain("part two 42");
    const missing = await runNotebook(nb, { profile: "smoke", root, output: join(dir, "out-skip2.ipynb"), log: () => undefined, skipPart: "## Part 9" });
    expect(missing.ok).toBe(false);
    expect(missing.skippedPart).toBeNull();
    expect(missing.cellsRun).toBe(0);
    expect(missing.failure!.evalue).toContain('no markdown cell\'s first line contains "## Part 9"');
  }, 120_000);

  it("reports a type error as a failure", async () => {
    const nb = notebook("03-type", ["// %%", 'const n: number = "text";'].join("\n"));
    const report = await runNotebook(nb, { profile: "smoke", root, output: join(dir, "out-type.ipynb"), log: () => undefined });
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report.failure)).toMatch(/not assignable to type 'number'/);
  }, 120_000);
});
