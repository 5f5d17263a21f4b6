import { legendOutside, logAxis, seriesStyle, styled, type Figure } from "./figure.js";

/**
 * Rank–frequency plot of templates per system (log–log): a few templates hold most lines, a long
 * tail is seen once or twice. `counts` are lines per template (numbers or `{ count }` objects such as `tallyTemplates` gives), any order.
 * The 16 LogHub systems take ten distinct colours, then the same colours dashed with square
 * markers ({@link seriesStyle}); the legend sits outside the plot.
 *
 * @example
 * templateLongTailFigure(loghubTemplateCounts(), 10);
 */
export function templateLongTailFigure(systems: readonly { system: string; counts: readonly (number | { count: number })[] }[], threshold?: number): Figure {
  const data: Record<string, unknown>[] = systems.map((s, i) => {
    const st = seriesStyle(i);
    const sorted = s.counts.map((c) => (typeof c === "number" ? c : c.count)).sort((a, b) => b - a);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: `${s.system} (${sorted.length})`,
      x: sorted.map((_, i) => i + 1),
      y: sorted,
      marker: { size: 4, color: st.color, symbol: st.symbol },
      line: { width: 1.5, color: st.color, dash: st.dash },
      hovertemplate: `${s.system}: template rank %{x}, %{y} lines<extra></extra>`,
    };
  });
  const ranks = data.flatMap((d) => d.x as number[]);
  const counts = data.flatMap((d) => d.y as number[]);
  const layout: Record<string, unknown> = {
    xaxis: logAxis(ranks, { title: { text: "template rank (most frequent first)" } }),
    yaxis: logAxis(counts, { title: { text: "lines with the template" } }),
    legend: legendOutside(10),
  };
  if (threshold !== undefined) {
    layout.shapes = [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: threshold, y1: threshold, line: { dash: "dot", color: "#888" } }];
    layout.annotations = [{ xref: "paper", x: 1, y: Math.log10(threshold), yanchor: "bottom", xanchor: "right", text: `rare below ${threshold}`, showarrow: false, font: { color: "#666", size: 11 } }];
  }
  return styled({ data, layout }, "Template frequency: the long tail (LogHub 2k, ground-truth templates)");
}
