import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLoghubStructured } from "../../../lib/data/loghub-2k.js";
import { DEFAULT_LABEL_RULES } from "../../../lib/label/label-rules.js";
import {
  coverageFromLabelRows,
  labelLoghubSystem,
  labelLoghubSystems,
  loadLoghubLabels,
  loghubCoverageRows,
  loghubLabelFingerprint,
  readLoghubLabelsCsv,
  severityDistributionRows,
  writeLoghubLabels,
} from "../../../lib/experiments/labelling/loghub-labels.js";

const dir = mkdtempSync(join(tmpdir(), "loghub-labels-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("LogHub 7-class labels", () => {
  it("labels every line of a system, aligned with the ground-truth rows", () => {
    const l = labelLoghubSystem("OpenSSH");
    const gt = readLoghubStructured("OpenSSH");
    expect(l.rows.length).toBe(2000);
    expect(l.rows.map((r) => r.lineId)).toEqual(gt.map((r) => r.lineId));
    expect(l.rows[0]!.class).toBe("security"); // "… POSSIBLE BREAK-IN ATTEMPT!"
    expect(l.rows[0]!.classIndex).toBe(1);
    expect(l.coverage.lineCoverage).toBeGreaterThan(0.5);
    expect(l.rows.every((r) => r.severitySource === "keywords")).toBe(true); // OpenSSH has no level field
  });
  it("reads the component and level fields where the format has them", () => {
    const l = labelLoghubSystem("HDFS");
    expect(l.rows[0]!.component).toBe("dfs.DataNode$PacketResponder");
    expect(l.rows[0]!.level).toBe("INFO");
    expect(l.rows[0]!.severitySource).toBe("level");
    expect(labelLoghubSystem("Proxifier").rows[0]!.component).toBe("chrome.exe");
  });
  it("writes CSV + meta and reads them back; loadLoghubLabels reuses only a matching file", () => {
    const l = labelLoghubSystem("Linux");
    const out = writeLoghubLabels(l, dir);
    expect(readLoghubLabelsCsv(out.csv)).toEqual(l.rows);
    const hit = loadLoghubLabels("Linux", { dir });
    expect(hit.source).toBe("file");
    expect(hit.rows).toEqual(l.rows);
    const other = loadLoghubLabels("Linux", { dir, unit: "template" });
    expect(other.source).toBe("computed");
    expect(loadLoghubLabels("HDFS", { dir }).source).toBe("computed");
    expect(loghubLabelFingerprint({ unit: "template" })).not.toBe(loghubLabelFingerprint());
    expect(loghubLabelFingerprint({ rules: { ...DEFAULT_LABEL_RULES, rules: DEFAULT_LABEL_RULES.rules.slice(1) } })).not.toBe(loghubLabelFingerprint());
  });
  it("recomputes when the saved file is damaged", () => {
    const l = labelLoghubSystem("Spark");
    const out = writeLoghubLabels(l, dir);
    writeFileSync(out.csv, "LineId,class\n1,bogus\n");
    expect(loadLoghubLabels("Spark", { dir }).source).toBe("computed");
  });
  // Issue 10: a labels file that still parses but was edited (one class changed) is not used either.
  it("recomputes when one label of the saved CSV was changed (its SHA-256 is in the meta file)", () => {
    const l = labelLoghubSystem("Spark");
    const out = writeLoghubLabels(l, dir);
    const text = readFileSync(out.csv, "utf8");
    const i = l.rows.findIndex((r) => r.class === "normal");
    const lines = text.split("\n");
    lines[i + 1] = lines[i + 1]!.replace(",normal,", ",security,");
    writeFileSync(out.csv, lines.join("\n"));
    expect(readLoghubLabelsCsv(out.csv)[i]!.class).toBe("security"); // it parses…
    expect(loadLoghubLabels("Spark", { dir }).source).toBe("computed"); // …but is not used
  });
  it("summarizes several systems; coverage from saved rows equals the original coverage", () => {
    const all = labelLoghubSystems(["BGL", "Apache"]);
    expect(loghubCoverageRows(all).map((r) => r.system)).toEqual(["BGL", "Apache"]);
    const sev = severityDistributionRows(all);
    expect(sev[0]!["from level field"]).toBe(2000);
    const c = coverageFromLabelRows("BGL", "line", all[0]!.rows);
    expect(c).toEqual(all[0]!.coverage);
  });
});
