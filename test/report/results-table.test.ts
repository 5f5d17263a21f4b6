import { describe, expect, it } from "vitest";
import { aq, isResultsTable, resultsTable, tableRows } from "../../lib/report/results-table.js";

const rows = [
  { model: "pca", family: "classic", F1: 0.5, "F1 unseen": 0.2 },
  { model: "deeplog", family: "next-key", F1: 0.9, "F1 unseen": 0.7 },
  { model: "lstm", family: "sequence-classifier", F1: 0.95, "F1 unseen": 0.4 },
];

describe("results tables (arquero)", () => {
  it("can be filtered, ordered, grouped and joined in a cell", () => {
    const t = resultsTable(rows);
    expect(isResultsTable(t)).toBe(true);
    expect(isResultsTable(rows)).toBe(false);
    expect(t.numRows()).toBe(3);
    expect(t.columnNames()).toEqual(["model", "family", "F1", "F1 unseen"]);
    const weak = t.filter((d: { "F1 unseen": number }) => d["F1 unseen"] < 0.5).orderby(aq.desc("F1")).array("model");
    expect(Array.from(weak)).toEqual(["lstm", "pca"]);
    const other = resultsTable([{ model: "pca", published: 0.769 }]);
    expect(tableRows(t.join_left(other, "model"))[0]).toMatchObject({ model: "pca", published: 0.769 });
    const byFamily = t.groupby("family").rollup({ n: aq.op.count() });
    expect(byFamily.numRows()).toBe(3);
  });

  it("gives plain rows back, in column order; rows pass through", () => {
    expect(tableRows(resultsTable(rows))).toEqual(rows);
    expect(tableRows(rows)).toEqual(rows);
    expect(resultsTable([]).numRows()).toBe(0);
  });
});
