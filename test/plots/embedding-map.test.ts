import { describe, expect, it } from "vitest";
import { embeddingMapFigure } from "../../lib/plots/embedding-map.js";

describe("embeddingMapFigure", () => {
  const points = [
    { x: 0, y: 1, system: "HDFS", class: "normal", content: "a" },
    { x: 1, y: 0, system: "BGL", class: "hardware", content: "b" },
    { x: 2, y: 2, system: "HDFS", class: "system_failure", content: "c" },
  ];
  it("draws one trace per system (or class) with counts in the legend", () => {
    const bySystem = embeddingMapFigure(points, "system", "map", [0.5, 0.2]);
    // Largest group drawn first (rare ones on top of it); the legend stays in name order.
    expect(bySystem.data.map((t) => t.name)).toEqual(["HDFS (2)", "BGL (1)"]);
    expect(bySystem.data.map((t) => t.legendrank)).toEqual([2, 1]);
    expect(bySystem.data[0]!.x).toEqual([0, 2]);
    expect(JSON.stringify(bySystem.layout)).toContain("50.0% of variance");
    expect(embeddingMapFigure(points, "class").data).toHaveLength(3);
  });
});
