import { describe, expect, it } from "vitest";
import { supportedClassReport } from "../../../lib/eval/supported-class-report.js";
import { loadLabelledLogLines } from "../../../lib/experiments/labelling/labelled-log-lines.js";
import { protocolScores, type LineClassProtocolResults, type LineModelName, type LineModelResult } from "../../../lib/experiments/bert/line-class-protocols.js";
import { bestLineResult, lineClassFindings, losoScoreBars, misclassifiedLineRows, protocolScoreBars, PUBLISHED_LINE_CLASS_MACRO_F1 } from "../../../lib/experiments/bert/line-class-report.js";
import type { LineProtocol } from "../../../lib/windows/line-protocols.js";

const classes = ["normal", "security", "network"];

/** A result whose predictions get `wrong` of the 10 test lines (truth 0,0,0,0,0,1,1,1,2,2) wrong. */
function fake(protocol: LineProtocol, split: string, model: LineModelName, family: LineModelResult["family"], wrong: number): LineModelResult {
  const truth = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
  const predicted = truth.map((t, i) => (i < wrong ? (t + 1) % 3 : t));
  const test = Int32Array.from(truth, (_, i) => i);
  return { protocol, split, model, family, report: supportedClassReport(truth, predicted, classes, truth), test, predicted, fitSeconds: 1, parameters: null, epochs: [] };
}

function results(): LineClassProtocolResults {
  return {
    classes,
    splits: [],
    seconds: 1,
    kept: {},
    results: [
      fake("random", "random", "bert-dann", "bert", 0),
      fake("random", "random", "gbdt", "classic", 2),
      fake("template", "template", "bert-dann", "bert", 3),
      fake("template", "template", "gbdt", "classic", 5),
      fake("loso", "loso:HDFS", "bert-dann", "bert", 1),
      fake("loso", "loso:HDFS", "bert-dann-no-adaptation", "bert", 4),
      fake("loso", "loso:BGL", "bert-dann", "bert", 5),
      fake("loso", "loso:BGL", "bert-dann-no-adaptation", "bert", 2),
    ],
  };
}

describe("line-class report helpers", () => {
  it("protocolScoreBars: one series per protocol run, a bar per model, the published figure where one exists", () => {
    const r = results();
    const bars = protocolScoreBars(r);
    expect(bars.categories).toEqual(["bert-dann", "gbdt", "bert-dann-no-adaptation"]);
    expect(bars.series.map((s) => s.name)).toEqual(["(a) random by line", "(b) by template", "(c) leave one system out (mean)", "published (random split, bert-base)"]);
    expect(bars.series[0]!.values).toEqual([1, r.results[1]!.report.macroF1, null]);
    expect(bars.series[3]!.values).toEqual([PUBLISHED_LINE_CLASS_MACRO_F1["bert-dann"], null, null]);
    const loso = bars.series[2]!.values[0]!;
    expect(loso).toBeCloseTo((r.results[4]!.report.macroF1 + r.results[6]!.report.macroF1) / 2, 12);
    expect(protocolScoreBars(r, { published: false }).series).toHaveLength(3);
  });

  it("losoScoreBars: held-out systems as categories, one series per model", () => {
    const r = results();
    const bars = losoScoreBars(r);
    expect(bars.categories).toEqual(["HDFS", "BGL"]);
    expect(bars.series.map((s) => s.name)).toEqual(["bert-dann", "bert-dann-no-adaptation"]);
    expect(bars.series[1]!.values).toEqual([r.results[5]!.report.macroF1, r.results[7]!.report.macroF1]);
  });

  it("bestLineResult picks by macro F1 within a family and names what exists when nothing matches", () => {
    const r = results();
    expect(bestLineResult(r, "template").model).toBe("bert-dann");
    expect(bestLineResult(r, "template", "classic").model).toBe("gbdt");
    expect(() => bestLineResult(r, "template", "encoder features")).toThrow(/no encoder features result under the template protocol; have: .*template\/gbdt/);
  });

  it("lineClassFindings states the numbers of the results, the template target and the LOSO comparison", () => {
    const r = results();
    const f = lineClassFindings(r).join("\n");
    expect(f).toContain(`bert-dann's, ${(1).toFixed(3)}`);
    const d = r.results[2]!.report.macroF1Shared! - r.results[3]!.report.macroF1Shared!;
    expect(f).toContain(`beats notebook 05's best classic model (gbdt, ${r.results[3]!.report.macroF1Shared!.toFixed(3)}) by ${d.toFixed(3)}`);
    expect(f).toContain(d >= 0.1 ? "is met" : "is not met");
    expect(f).toMatch(/DANN is higher on 1 of 2/);
    expect(f).not.toContain("two domains");
    // With the two-domain variant: its mean, against no adaptation's.
    r.results.push(fake("loso", "loso:HDFS", "bert-dann-two-domains", "bert", 6), fake("loso", "loso:BGL", "bert-dann-two-domains", "bert", 6));
    const two = protocolScores(r.results, "loso");
    const g = lineClassFindings(r).join("\n");
    expect(g).toContain(`With two domains (labelled lines vs the held-out system's, Ganin et al.'s setting) DANN's mean macro F1 is ${two["bert-dann-two-domains"]!.macroF1.toFixed(3)} (${two["bert-dann-two-domains"]!.macroF1 > two["bert-dann-no-adaptation"]!.macroF1 ? "above" : "not above"} no adaptation).`);
  });

  it("misclassifiedLineRows point at the raw line of the shipped 2k log", () => {
    const lines = loadLabelledLogLines({ maxLinesPerSystem: 30 });
    const test = Int32Array.from(lines.y, (_, i) => i);
    const predicted = lines.y.map((y) => (y + 1) % lines.classes.length);
    const r: LineModelResult = { protocol: "template", split: "template", model: "gbdt", family: "classic", report: supportedClassReport(lines.y, predicted, lines.classes), test, predicted, fitSeconds: 0, parameters: null, epochs: [] };
    const rows = misclassifiedLineRows(r, lines, 5);
    expect(rows.length).toBe(5);
    for (const row of rows) {
      const m = /^data\/loghub-2k\/(\w+)\/\1_2k\.log:(\d+)$/.exec(row["file:line"]);
      expect(m, row["file:line"]).not.toBeNull();
      const i = lines.systemOf.findIndex((s, k) => s === m![1] && lines.lineId[k] === Number(m![2]));
      expect(lines.raw[i]).toBe(row.raw);
      expect(row.truth).not.toBe(row.predicted);
    }
  });
});
