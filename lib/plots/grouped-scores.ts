import { categoryLabelMargins } from "./model-comparison.js";
import { legendOutside, seriesStyle, styled, type Figure } from "./figure.js";

/** One series of a {@link groupedScoresFigure}: a value per category (null: not measured, no bar). */
export interface GroupedScoreSeries {
  name: string;
  values: readonly (number | null)[];
  /** Bar colour (default: the house colour of the series' position). */
  color?: string;
}

/**
 * Grouped bars of one score in [0, 1]: one group per category (a model, a held-out system), one
 * bar per series (a protocol, a published figure, with or without adaptation), each bar labelled
 * with its value. Missing values leave a gap instead of a zero bar. Margins fit the category names.
 *
 * @example
 * groupedScoresFigure(["bert-dann", "bert-lora"], [{ name: "random", values: [0.9, 0.8] }, { name: "published", values: [0.903, 0.887] }], "macro F1");
 */
export function groupedScoresFigure(categories: readonly string[], series: readonly GroupedScoreSeries[], metric: string, title = `${metric} by ${series.map((s) => s.name).join(" / ")}`, axisTitle = "model"): Figure {
  const data = series.map((s, i) => ({
    type: "bar",
    name: s.name,
    x: [...categories],
    y: s.values.map((v) => (v === null || !Number.isFinite(v) ? null : v)),
    marker: { color: s.color ?? seriesStyle(i).color },
    text: s.values.map((v) => (v === null || !Number.isFinite(v) ? "" : v.toFixed(2))),
    textposition: "outside",
    textfont: { size: series.length * categories.length > 30 ? 9 : 11 },
    cliponaxis: false,
  }));
  const m = categoryLabelMargins(categories);
  return styled(
    {
      data,
      layout: {
        barmode: "group",
        bargap: 0.2,
        yaxis: { title: { text: metric }, range: [0, 1.12] },
        xaxis: { title: { text: axisTitle }, tickangle: m.tickangle, automargin: true },
        showlegend: true,
        legend: legendOutside(),
        margin: { l: m.left, b: m.bottom + 35 },
      },
    },
    title,
  );
}
