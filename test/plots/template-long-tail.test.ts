import { describe, expect, it } from "vitest";
import { templateLongTailFigure } from "../../lib/plots/template-long-tail.js";

describe("templateLongTailFigure", () => {
  // Moved from test/plots/eda-figures.test.ts.
  it("long tail: one rank-frequency line per system, sorted, with the rare threshold", () => {
    const f = templateLongTailFigure([{ system: "A", counts: [1, 5, 3] }, { system: "B", counts: [2] }], 2);
    expect(f.data.length).toBe(2);
    expect(f.data[0]!.y).toEqual([5, 3, 1]);
    expect(f.data[0]!.x).toEqual([1, 2, 3]);
    expect((f.layout!.shapes as unknown[]).length).toBe(1);
  });

  it("takes { count } objects too; the threshold line is at y = threshold and its label at log10(threshold) (log axis)", () => {
    const input = [{ system: "HDFS", counts: [{ count: 4 }, { count: 40 }] }];
    const f = templateLongTailFigure(input, 100);
    expect(f.data[0]).toMatchObject({ name: "HDFS (2)", y: [40, 4], x: [1, 2] });
    expect(input[0]!.counts).toEqual([{ count: 4 }, { count: 40 }]);
    expect(f.layout!.shapes).toEqual([{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 100, y1: 100, line: { dash: "dot", color: "#888" } }]);
    expect((f.layout!.annotations as { y: number; text: string }[])[0]).toMatchObject({ y: 2, text: "rare below 100" });
  });

  it("no threshold: no line, no label", () => {
    const f = templateLongTailFigure([{ system: "A", counts: [1] }]);
    expect(f.layout).not.toHaveProperty("shapes");
    expect(f.layout).not.toHaveProperty("annotations");
  });

  it("16 systems: no two share colour and dash; log ticks written out; legend outside", () => {
    const f = templateLongTailFigure(Array.from({ length: 16 }, (_, i) => ({ system: `S${i}`, counts: [1, 10, 100, 1000] })));
    const lines = f.data.map((d) => d.line as { color: string; dash: string });
    expect(new Set(lines.map((l) => `${l.color}/${l.dash}`)).size).toBe(16);
    expect(f.layout!.yaxis).toMatchObject({ type: "log", ticktext: ["1", "2", "5", "10", "20", "50", "100", "200", "500", "1,000"] });
    expect((f.layout!.legend as { x: number }).x).toBeGreaterThan(1);
  });
});
