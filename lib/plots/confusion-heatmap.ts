import { styled, type Figure } from "./figure.js";

/** Options of {@link confusionHeatmapFigure}. */
export interface ConfusionHeatmapOptions {
  /** Colour by row share (recall per true class) instead of counts (default true); counts are always printed. */
  normalize?: boolean;
}

/**
 * A confusion-matrix heatmap: rows = true class, columns = predicted class, each cell printing
 * its count (and row share). Works for 2 classes (normal / anomalous) and for K classes.
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
  // Plotly draws the first row at the bottom; reverse so the first class is on top.
  const rev = <T,>(a: readonly T[]): T[] => [...a].reverse();
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
          colorscale: "Blues",
          zmin: 0,
          zmax: normalize ? 1 : undefined,
          colorbar: { title: { text: normalize ? "row share" : "count" } },
        },
      ],
      layout: { xaxis: { title: { text: "predicted" }, side: "bottom" }, yaxis: { title: { text: "true" } } },
    },
    title,
  );
}
