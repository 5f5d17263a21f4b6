import { describe, expect, it } from "vitest";
import { DEFAULT_PNG_SIZE, legendOutside, logAxis, logAxisTicks, logTickLabel, SERIES_COLORS, seriesStyle, styled, textWidthPx, widestLabelPx } from "../../lib/plots/figure.js";

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

describe("seriesStyle", () => {
  it("ten distinct colours, then the colours again with another dash and symbol: 40 distinct pairs", () => {
    const styles = Array.from({ length: 40 }, (_, i) => seriesStyle(i));
    expect(new Set(styles.slice(0, 10).map((s) => s.color)).size).toBe(10);
    expect(styles.slice(0, 10).every((s) => s.dash === "solid")).toBe(true);
    expect(styles[10]).toEqual({ color: styles[0]!.color, dash: "dash", symbol: "square" });
    expect(new Set(styles.map((s) => `${s.color}/${s.dash}`)).size).toBe(40);
    expect(SERIES_COLORS).toHaveLength(10);
  });
});

describe("textWidthPx / widestLabelPx", () => {
  it("grows with the text, measures the widest <br> line and ignores tags", () => {
    expect(textWidthPx("system_failure")).toBeGreaterThan(textWidthPx("normal"));
    expect(textWidthPx("abc<br>abcdef")).toBe(textWidthPx("abcdef"));
    expect(textWidthPx("<b>abc</b>")).toBe(textWidthPx("abc"));
    expect(Math.abs(textWidthPx("xxxx", 26) - 2 * textWidthPx("xxxx", 13))).toBeLessThanOrEqual(1);
    // "system_failure" at 13 px is about 100 px wide in DejaVu Sans: the estimate errs wide, not narrow.
    expect(textWidthPx("system_failure", 13)).toBeGreaterThanOrEqual(95);
    expect(widestLabelPx(["a", "anomalous", "ab"])).toBe(textWidthPx("anomalous"));
    expect(widestLabelPx([])).toBe(0);
  });
});

describe("legendOutside", () => {
  it("anchors the legend to the right of the plotting area", () => {
    expect(legendOutside()).toMatchObject({ x: 1.02, xanchor: "left", y: 1, yanchor: "top" });
  });
});

describe("logAxisTicks / logTickLabel", () => {
  it("powers of ten only over many decades, written out in full", () => {
    const t = logAxisTicks([3, 40, 50_000]);
    expect(t.tickmode).toBe("array");
    expect(t.tickvals).toEqual([1, 10, 100, 1000, 10_000, 100_000]);
    expect(t.ticktext).toEqual(["1", "10", "100", "1,000", "10,000", "100,000"]);
  });

  it("1-2-5 steps over one to three decades; every digit below one decade; no leading-digit-only labels", () => {
    // From the last tick at or below the smallest value to the first at or above the largest.
    const t = logAxisTicks([3, 150]);
    expect(t.tickvals).toEqual([2, 5, 10, 20, 50, 100, 200]);
    expect(t.ticktext).toEqual(["2", "5", "10", "20", "50", "100", "200"]);
    expect(logAxisTicks([0.03, 0.08]).tickvals).toEqual([0.03, 0.04, 0.05, 0.06, 0.07, 0.08]);
    expect(logAxisTicks([0.002, 0.5]).ticktext).toContain("0.005");
  });

  it("ignores zeros, negatives and non-finite values; too little data leaves Plotly's ticks", () => {
    expect(logAxisTicks([0, -1, Infinity, NaN, 10, 1000]).tickvals).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect(logAxisTicks([3, 40, 50_000]).tickvals).toEqual([1, 10, 100, 1000, 10_000, 100_000]);
    expect(logAxisTicks([])).toEqual({});
    expect(logAxisTicks([0, -5])).toEqual({});
    expect(logAxisTicks([1.1, 1.2])).toEqual({});
  });

  it("very small and very large values get powers of ten with superscripts", () => {
    expect(logTickLabel(1e-5)).toBe("10⁻⁵");
    expect(logTickLabel(2e7)).toBe("2×10⁷");
    expect(logTickLabel(0.001)).toBe("0.001");
    expect(logTickLabel(200_000)).toBe("200,000");
    const wide = logAxisTicks([1e-6, 1e9]);
    expect(wide.tickvals!.length).toBeLessThanOrEqual(10);
    expect(wide.tickvals!.every((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9)).toBe(true);
  });

  it("logAxis merges the ticks into a log axis", () => {
    expect(logAxis([1, 1000], { title: { text: "t" } })).toMatchObject({ type: "log", tickmode: "array", title: { text: "t" } });
  });
});
