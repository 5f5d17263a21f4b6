import { styled, type Figure } from "./figure.js";

/** One series of a top-g sweep: which data it was measured on and its points. */
export interface TopGSeries {
  /** e.g. "validation (normal only)", "test". */
  label: string;
  points: readonly { g: number; recall: number | null; fpr: number }[];
}

/**
 * DeepLog's top-g sweep (USER-ASKS 11): recall (solid) and false-positive rate (dotted) against
 * g for each series, with a vertical line at the g chosen on validation.
 */
export function topGSweepFigure(series: readonly TopGSeries[], chosenG: number | null, title = "DeepLog top-g sweep"): Figure {
  const colors = ["#4c78a8", "#e45756", "#54a24b", "#f58518"];
  const data: Record<string, unknown>[] = [];
  series.forEach((s, i) => {
    const color = colors[i % colors.length];
    const withRecall = s.points.filter((p) => p.recall !== null);
    if (withRecall.length > 0) {
      data.push({ type: "scatter", mode: "lines+markers", name: `recall · ${s.label}`, x: withRecall.map((p) => p.g), y: withRecall.map((p) => p.recall), line: { color } });
    }
    data.push({ type: "scatter", mode: "lines+markers", name: `FPR · ${s.label}`, x: s.points.map((p) => p.g), y: s.points.map((p) => p.fpr), line: { color, dash: "dot" }, marker: { symbol: "x" } });
  });
  const shapes = chosenG === null ? [] : [{ type: "line", x0: chosenG, x1: chosenG, y0: 0, y1: 1, yref: "paper", line: { color: "#333", dash: "dash", width: 1 } }];
  const annotations = chosenG === null ? [] : [{ x: chosenG, y: 1, yref: "paper", text: `chosen g = ${chosenG}`, showarrow: false, yanchor: "bottom" }];
  return styled(
    {
      data,
      layout: {
        xaxis: { title: { text: "g (a session is anomalous if a next key is outside the top g)" }, dtick: 1 },
        yaxis: { title: { text: "rate" }, range: [0, 1.02] },
        shapes,
        annotations,
      },
    },
    title,
  );
}
