import { describe, expect, it } from "vitest";
import { benchmarkLoghubParsing } from "../../lib/experiments/parsing/loghub-parsing-benchmark.js";
import { parsingAccuracyFigure } from "../../lib/plots/parsing-accuracy.js";

describe("parsingAccuracyFigure", () => {
  it("draws grouped bars per system: loglab GA and PA, plain Drain, published Drain GA", async () => {
    const bench = await benchmarkLoghubParsing({ systems: ["HDFS", "Apache"] });
    const fig = parsingAccuracyFigure(bench);
    expect(fig.data.map((d) => d.name)).toEqual(["loglab GA", "loglab PA (corrected truth)", "plain Drain GA (this run)", "plain Drain PA (corrected truth)", "Drain GA (published)"]);
    expect(fig.data[4]!.y).toEqual([0.9975, 1]);
    expect(fig.data[0]!.x).toEqual(["HDFS", "Apache"]);
    expect(fig.layout!.barmode).toBe("group");
  });
});
