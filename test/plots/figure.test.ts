import { describe, expect, it } from "vitest";
import { DEFAULT_PNG_SIZE, styled } from "../../lib/plots/figure.js";

describe("styled", () => {
  it("adds the house layout and config; a title gets a larger top margin", () => {
    const data = [{ type: "bar", x: [1], y: [2] }];
    const f = styled({ data }, "Title");
    expect(f.data).toBe(data);
    expect(f.layout).toEqual({
      template: "plotly_white",
      font: { family: "DejaVu Sans, Arial, sans-serif", size: 13 },
      margin: { l: 70, r: 30, t: 60, b: 60 },
      title: { text: "Title" },
    });
    expect(f.config).toEqual({ displaylogo: false, responsive: true });
    const untitled = styled({ data });
    expect(untitled.layout!.margin).toEqual({ l: 70, r: 30, t: 30, b: 60 });
    expect(untitled.layout).not.toHaveProperty("title");
  });

  it("the figure's own layout and config keys win over the house style (shallow merge)", () => {
    const f = styled({ data: [], layout: { margin: { b: 170 }, template: "none", showlegend: false }, config: { responsive: false, scrollZoom: true } }, "T");
    expect(f.layout).toMatchObject({ margin: { b: 170 }, template: "none", showlegend: false, title: { text: "T" } });
    expect(f.config).toEqual({ displaylogo: false, responsive: false, scrollZoom: true });
  });

  it("a figure's own margins refine the house margins (the title keeps its top margin)", () => {
    expect(styled({ data: [], layout: { margin: { b: 170 } } }, "T").layout!.margin).toEqual({ l: 70, r: 30, t: 60, b: 170 });
  });

  it("the default PNG size is 900 × 520", () => {
    expect(DEFAULT_PNG_SIZE).toEqual({ width: 900, height: 520 });
  });
});
