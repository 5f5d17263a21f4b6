import { describe, expect, it } from "vitest";
import type { LabelCoverage } from "../../lib/label/label-coverage.js";
import { LOG_CLASSES } from "../../lib/label/log-classes.js";
import { labelLoghubSystems } from "../../lib/experiments/labelling/loghub-labels.js";
import { classDistributionFigure, LOG_CLASS_COLORS } from "../../lib/plots/class-distribution.js";

const coverage = (system: string, lines: number, perClass: Partial<LabelCoverage["perClass"]>): LabelCoverage =>
  ({ system, lines, perClass: { ...Object.fromEntries(LOG_CLASSES.map((c) => [c, 0])), ...perClass } }) as LabelCoverage;

describe("classDistributionFigure", () => {
  // Moved from test/plots/eda-figures.test.ts.
  it("one stacked bar per class; shares of a system sum to 1", () => {
    const cov = labelLoghubSystems(["HDFS", "OpenSSH"]).map((l) => l.coverage);
    const cd = classDistributionFigure(cov);
    expect(cd.data.length).toBe(7);
    const total = cd.data.reduce((a, d) => a + (d.y as number[])[0]!, 0);
    expect(total).toBeCloseTo(1);
  });

  it("traces follow LOG_CLASSES with their colours; y is the class share, customdata the line count; an empty system gives 0", () => {
    const f = classDistributionFigure([coverage("A", 10, { normal: 6, security: 3, network: 1 }), coverage("B", 0, {})]);
    expect(f.data.map((d) => d.name)).toEqual([...LOG_CLASSES]);
    const sec = f.data[1]!;
    expect(sec).toMatchObject({ x: ["A", "B"], y: [0.3, 0], customdata: [3, 0], marker: { color: LOG_CLASS_COLORS.security } });
    expect(f.data[0]!.y).toEqual([0.6, 0]);
    expect(f.layout!.barmode).toBe("stack");
    expect(new Set(Object.values(LOG_CLASS_COLORS)).size).toBe(7);
  });
});
