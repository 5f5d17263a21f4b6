import type { AnomalyRatioRow } from "../label/anomaly-ratio.js";
import { styled, type Figure } from "./figure.js";

/**
 * Anomaly ratio by two fields side by side (e.g. BGL component and level): bars give the share of
 * anomalous lines, the hover and bar text the counts.
 */
export function anomalyRatioFigure(left: { field: string; rows: readonly AnomalyRatioRow[] }, right: { field: string; rows: readonly AnomalyRatioRow[] }, title: string): Figure {
  const bar = (side: { field: string; rows: readonly AnomalyRatioRow[] }, axis: "" | "2"): Record<string, unknown> => ({
    type: "bar",
    name: side.field,
    x: side.rows.map((r) => r.value),
    y: side.rows.map((r) => r.ratio),
    text: side.rows.map((r) => `${r.anomalies}/${r.lines}`),
    textposition: "outside",
    cliponaxis: false,
    xaxis: `x${axis}`,
    yaxis: `y${axis}`,
    marker: { color: axis === "" ? "#f58518" : "#54a24b" },
    hovertemplate: `${side.field} %{x}: %{text} lines anomalous (%{y:.1%})<extra></extra>`,
  });
  return styled(
    {
      data: [bar(left, ""), bar(right, "2")],
      layout: {
        grid: { rows: 1, columns: 2, pattern: "independent" },
        showlegend: false,
        xaxis: { title: { text: left.field }, tickangle: -35 },
        xaxis2: { title: { text: right.field }, tickangle: -35 },
        yaxis: { title: { text: "anomalous share of lines" }, tickformat: ".0%", rangemode: "tozero" },
        yaxis2: { tickformat: ".0%", rangemode: "tozero" },
        margin: { b: 130 },
      },
    },
    title,
  );
}
