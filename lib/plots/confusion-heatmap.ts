import { DEFAULT_PNG_SIZE, styled, widestLabelPx, type Figure } from "./figure.js";

/** Options of {@link confusionHeatmapFigure}. */
export interface ConfusionHeatmapOptions {
  /** Colour by row share (recall per true class) instead of counts (default true); counts are always printed. */
  normalize?: boolean;
  /** Width of the PNG the figure is meant for, to decide whether column labels need slanting (default 900). */
  width?: number;
}

/**
 * ColorBrewer's sequential "Blues", lightest at 0: an empty cell is near-white and the colour
 * deepens with the share. (Plotly's named "Blues" runs the other way, dark at 0.)
 */
export const SEQUENTIAL_BLUES: readonly (readonly [number, string])[] = [
  [0, "#f7fbff"],
  [0.125, "#deebf7"],
  [0.25, "#c6dbef"],
  [0.375, "#9ecae1"],
  [0.5, "#6baed6"],
  [0.625, "#4292c6"],
  [0.75, "#2171b5"],
  [0.875, "#08519c"],
  [1, "#08306b"],
];

/**
 * A confusion-matrix heatmap: rows = true class, columns = predicted class, each cell printing
 * its count and its share of the true class's row. Works for 2 classes (normal / anomalous) and
 * for K classes. The colour scale is sequential and lightest at zero; the margins are computed
 * from the longest class name, so no label is clipped.
 *
 * @example
 * const c = multiclassConfusion(yTrue, yPred, LOG_CLASSES);
 * await run.figure(confusionHeatmapFigure(c.counts, c.classes, "GBDT on the 7-class task"), "gbdt-confusion");
 */
export function confusionHeatmapFigure(counts: readonly (readonly number[])[], classes: readonly string[], title = "Confusion matrix", options: ConfusionHeatmapOptions = {}): Figure {
  const normalize = options.normalize ?? true;
  const K = classes.length;
  if (counts.length !== K || counts.some((r) => r.length !== K)) throw new Error(`confusionHeatmapFigure: counts must be ${K} × ${K}`);
  const rowSums = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const share = counts.map((r, i) => r.map((v) => (rowSums[i]! > 0 ? v / rowSums[i]! : 0)));
  const text = counts.map((r, i) => r.map((v, j) => `${v.toLocaleString("en-US")}<br>${(100 * share[i]![j]!).toFixed(1)}%`));
  const maxCount = Math.max(0, ...counts.flat());
  // Plotly draws the first row at the bottom; reverse so the first class is on top.
  const rev = <T,>(a: readonly T[]): T[] => [...a].reverse();

  // Margins from the labels: left = widest class name + tick gap + the axis title; bottom = the
  // column labels, slanted when they are wider than a column.
  const labelPx = widestLabelPx(classes);
  const left = labelPx + 60;
  const colorbarPx = 110;
  const plotPx = (options.width ?? DEFAULT_PNG_SIZE.width) - left - colorbarPx;
  const slant = labelPx > plotPx / K - 10;
  const bottom = (slant ? Math.ceil(labelPx * Math.sin(Math.PI / 4)) + 20 : 30) + 45;
  return styled(
    {
      data: [
        {
          type: "heatmap",
          x: [...classes],
          y: rev(classes),
          z: rev(normalize ? share : counts.map((r) => [...r])),
          text: rev(text),
          texttemplate: "%{text}",
          hovertemplate: "true %{y}<br>predicted %{x}<br>%{text}<extra></extra>",
          colorscale: SEQUENTIAL_BLUES.map(([v, c]) => [v, c]),
          zmin: 0,
          zmax: normalize ? 1 : Math.max(1, maxCount),
          xgap: 1,
          ygap: 1,
          colorbar: { title: { text: normalize ? "share of<br>true class" : "count" }, tickformat: normalize ? ".0%" : ",d" },
        },
      ],
      layout: {
        xaxis: { title: { text: "predicted class" }, side: "bottom", tickangle: slant ? -45 : 0, automargin: true, showgrid: false },
        yaxis: { title: { text: "true class" }, automargin: true, showgrid: false },
        margin: { l: left, b: bottom, r: 30 },
      },
    },
    title,
  );
}
