import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alertCategoryCounts, alertLabelOf, readAlertLabels } from "../../lib/label/alert-labels.js";
import { dataPath } from "../../lib/runtime/project.js";

const dir = mkdtempSync(join(tmpdir(), "alerts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("alert labels (BGL, Thunderbird first column)", () => {
  it("reads the shipped BGL 2k sample: 143 alert lines in 12 categories", async () => {
    const gt = await readAlertLabels(dataPath("loghub-2k", "BGL", "BGL_2k.log"));
    expect(gt.lineNos.length).toBe(2000);
    expect(gt.labels.reduce((a, b) => a + b, 0)).toBe(143);
    const counts = alertCategoryCounts(gt);
    expect(counts[0]).toEqual({ category: "normal", lines: 1857, share: 1857 / 2000 });
    expect(counts.find((c) => c.category === "KERNDTLB")?.lines).toBe(60);
    expect(counts.length).toBe(13);
    expect(gt.rejected).toEqual([]);
  });
  it("reads the shipped Thunderbird 2k sample (all normal) and logai's BGL 5,000", async () => {
    const tb = await readAlertLabels(dataPath("loghub-2k", "Thunderbird", "Thunderbird_2k.log"));
    expect(tb.labels.length).toBe(2000);
    expect(tb.labels.reduce((a, b) => a + b, 0)).toBe(0);
    const bgl5k = await readAlertLabels(dataPath("logai-raw", "BGL_5000.log"));
    expect(bgl5k.labels.length).toBeGreaterThanOrEqual(5000);
  });
  it("rejects blank lines with the file and line, and reads CRLF", async () => {
    const f = join(dir, "x.log");
    writeFileSync(f, "- 1 ok\r\nKERNDTLB 2 data TLB error interrupt\r\n\r\n- 3 ok\r\n");
    const gt = await readAlertLabels(f);
    expect(Array.from(gt.labels)).toEqual([0, 1, 0]);
    expect(gt.lineNos).toEqual([1, 2, 4]);
    expect(gt.categories).toEqual([null, "KERNDTLB", null]);
    expect(gt.rejected).toEqual([{ file: f, lineNo: 3, reason: "blank line (no label column)" }]);
  });
  it("parses one line", () => {
    expect(alertLabelOf("- 1117838570 ...")).toEqual({ label: 0, category: null });
    expect(alertLabelOf("APPSEV 1117838570 ...")).toEqual({ label: 1, category: "APPSEV" });
    expect(alertLabelOf("")).toBeNull();
  });
  it("errors on a missing file", async () => {
    await expect(readAlertLabels(join(dir, "nope"))).rejects.toThrow(/no such file/);
  });
});
