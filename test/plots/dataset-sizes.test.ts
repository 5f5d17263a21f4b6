import { describe, expect, it } from "vitest";
import { datasetSizeFigure } from "../../lib/plots/dataset-sizes.js";

describe("datasetSizeFigure", () => {
  // Moved from test/plots/save.test.ts.
  it("builds the dataset figure from catalog entries", () => {
    const fig = datasetSizeFigure([{ name: "a", files: 1, bytes: 2 ** 20, lines: 10, provenance: null }]);
    expect((fig.data[0] as { y: number[] }).y).toEqual([10]);
    expect((fig.data[0] as { text: string[] }).text).toEqual(["1.00 MiB"]);
  });

  it("one bar per dataset in order, MiB to two decimals, lines on a log axis", () => {
    const f = datasetSizeFigure([
      { name: "hdfs-deeplog", files: 3, bytes: 1536 * 1024, lines: 4855, provenance: "x" },
      { name: "loghub-2k", files: 32, bytes: 100, lines: 32000, provenance: null },
    ]);
    expect(f.data[0]).toMatchObject({ x: ["hdfs-deeplog", "loghub-2k"], y: [4855, 32000], text: ["1.50 MiB", "0.00 MiB"] });
    expect(f.layout!.yaxis).toMatchObject({ type: "log", tickvals: [2000, 5000, 10_000, 20_000, 50_000], ticktext: ["2,000", "5,000", "10,000", "20,000", "50,000"] });
  });
});
