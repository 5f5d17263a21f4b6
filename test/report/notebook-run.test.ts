import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { NotebookRun } from "../../lib/report/notebook-run.js";

describe("NotebookRun", () => {
  it("writes tables, JSON and figures under its folder and lists them in the manifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "run-"));
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const run = new NotebookRun("99-test", { a: 1 }, 5, dir);
    run.json("metrics.json", { f1: 0.5 });
    const t = run.table("results", [{ model: "x", f1: 0.5 }]);
    expect(t.numRows()).toBe(1); // an arquero table, for later cells
    expect(inspect(t)).toBe("[table results: 1 rows × 2 columns, shown above; tables/results.csv]"); // a cell's printed value
    expect(inspect(t.select("f1"))).toContain("ColumnTable"); // a derived table prints as arquero prints it
    expect(run.table("results-2", t.derive({ f2: (d: { f1: number }) => d.f1 * 2 }), { show: false }).array("f2")).toEqual([1]);
    const fig = await run.figure({ data: [{ type: "bar", x: ["a"], y: [1] }] }, "bars", { noPng: true });
    expect(inspect(fig)).toBe("[figure bars: figures/bars.html, shown above]");
    expect(fig.html).toBe(join(dir, "figures", "bars.html"));
    const m = await run.finish({ backend: "wasm" });
    log.mockRestore();
    expect(m.outputs).toEqual(["figures/bars.html", "metrics.json", "tables/results-2.csv", "tables/results-2.json", "tables/results-2.md", "tables/results.csv", "tables/results.json", "tables/results.md"]);
    expect(readFileSync(join(dir, "tables/results-2.csv"), "utf8")).toBe("model,f1,f2\nx,0.5,1\n");
    for (const o of m.outputs) expect(existsSync(join(dir, o))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).seed).toBe(5);
    expect(m.timings.total).toBeGreaterThan(0);
    rmSync(dir, { recursive: true });
  });

  it("checkpoint writes a manifest marked with the part completed so far; finish replaces it with the whole run's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "run-"));
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const run = new NotebookRun("99-test", {}, 1, dir);
    run.json("part1.json", { a: 1 });
    const partial = await run.checkpoint("part 1");
    expect(partial.completedThrough).toBe("part 1");
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).toMatchObject({ completedThrough: "part 1", outputs: ["part1.json"] });
    run.json("part2.json", { b: 2 });
    const whole = await run.finish();
    log.mockRestore();
    expect(whole.completedThrough).toBeUndefined();
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(m.outputs).toEqual(["part1.json", "part2.json"]);
    expect("completedThrough" in m).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it("applies run-level figure defaults: inline HTML embeds the Plotly bundle and needs no shared copy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "run-"));
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const run = new NotebookRun("99-test", {}, null, dir, { inline: true, noPng: true });
    await run.figure({ data: [{ type: "bar", x: ["a"], y: [1] }] }, "single");
    await run.figure({ data: [{ type: "bar", x: ["a"], y: [1] }] }, "shared", { inline: false });
    log.mockRestore();
    const single = readFileSync(join(dir, "figures", "single.html"), "utf8");
    expect(single).not.toContain('src="plotly.min.js"');
    expect(single.length).toBeGreaterThan(1_000_000);
    expect(readFileSync(join(dir, "figures", "shared.html"), "utf8")).toContain('<script src="plotly.min.js"></script>');
    expect(existsSync(join(dir, "figures", "shared.png"))).toBe(false);
    rmSync(dir, { recursive: true });
  });
});
