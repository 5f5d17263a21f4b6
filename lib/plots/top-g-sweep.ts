import { legendOutside, styled, type Figure } from "./figure.js";

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
  const colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"];
  const maxG = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.g)));
  // Markers only while they stay apart; a sweep over ~100 g values reads better as lines.
  const mode = maxG <= 30 ? "lines+markers" : "lines";
  // Integer ticks about ten apart at most: 1, 2, 5, 10, 20, 50 … between labels.
  const dtick = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((d) => maxG / d <= 12) ?? Math.ceil(maxG / 10);
  const data: Record<string, unknown>[] = [];
  series.forEach((s, i) => {
    const color = colors[i % colors.length];
    // Later series are drawn thinner with smaller markers, so where two series coincide (recall
    // 1 on validation and test) the first still shows around the second.
    const width = i === 0 ? 3.5 : 2;
    const size = i === 0 ? 9 : 5;
    const withRecall = s.points.filter((p) => p.recall !== null);
    if (withRecall.length > 0) {
      data.push({ type: "scatter", mode, name: `recall · ${s.label}`, x: withRecall.map((p) => p.g), y: withRecall.map((p) => p.recall), line: { color, width }, marker: { size } });
    }
    data.push({ type: "scatter", mode, name: `FPR · ${s.label}`, x: s.points.map((p) => p.g), y: s.points.map((p) => p.fpr), line: { color, dash: "dot", width }, marker: { symbol: "x", size } });
  });
  const shapes = chosenG === null ? [] : [{ type: "line", x0: chosenG, x1: chosenG, y0: 0, y1: 1, yref: "paper", line: { color: "#333", dash: "dash", width: 1 } }];
  const annotations = chosenG === null ? [] : [{ x: chosenG, y: 1, yref: "paper", text: `chosen g = ${chosenG}`, showarrow: false, yanchor: "bottom", xanchor: "left" }];
  return styled(
    {
      data,
      layout: {
        // g is a number: a linear axis with Plotly's automatic ticks (integers only), not one label per g.
        xaxis: { title: { text: "g (a session is anomalous if a next key is outside the top g)" }, type: "linear", tick0: 0, dtick, rangemode: "tozero" },
        yaxis: { title: { text: "rate" }, range: [-0.02, 1.04], zeroline: false },
        legend: legendOutside(),
        shapes,
        annotations,
      },
    },
    title,
  );
}
