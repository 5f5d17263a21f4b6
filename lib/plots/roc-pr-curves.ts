import { prAuc, prCurve, rocAuc, rocCurve } from "../eval/roc.js";
import { legendOutside, seriesStyle, styled, type Figure } from "./figure.js";

/** One model's scores on labelled items (1 = anomalous), for ROC / PR figures. */
export interface ScoredSeries {
  name: string;
  labels: ArrayLike<number>;
  scores: ArrayLike<number>;
}

/**
 * Both axes of a ROC or PR plot: the unit square padded by 3% on each side, so a perfect curve
 * (along x = 0 and y = 1) is drawn inside the frame instead of on it; no zero line to hide it.
 */
const UNIT_PAD = 0.03;
function unitAxis(title: string): Record<string, unknown> {
  return { title: { text: title }, range: [-UNIT_PAD, 1 + UNIT_PAD], zeroline: false, dtick: 0.2, tickformat: ".1f" };
}

/** A thin grey outline of the unit square, drawn below the curves. */
const UNIT_BOX = { type: "rect", xref: "x", yref: "y", x0: 0, x1: 1, y0: 0, y1: 1, line: { color: "#d0d0d0", width: 1 }, layer: "below" };

/** A note above the plot (outside the data) when several perfect curves lie on top of each other. */
function overlapNote(perfect: readonly string[], where: string): Record<string, unknown>[] {
  if (perfect.length < 2) return [];
  return [{ xref: "paper", yref: "paper", x: 0, y: 1, xanchor: "left", yanchor: "bottom", yshift: 4, showarrow: false, align: "left", font: { size: 11, color: "#555" }, text: `${perfect.length} curves score 1.000 and overlap ${where}` }];
}

/**
 * ROC curves of several models on the same labelled items, AUC in the legend, with the chance
 * diagonal. Generic: any detector's scores (classic or neural). Series take distinct colours
 * (then colour + dash past ten, see {@link seriesStyle}); the legend sits outside the plot.
 *
 * @example
 * await run.figure(rocCurvesFigure(results.map((r) => ({ name: r.model, labels: test.labels, scores: r.testScores })), "HDFS test: ROC"), "hdfs-roc");
 */
export function rocCurvesFigure(series: readonly ScoredSeries[], title = "ROC curves"): Figure {
  const perfect: string[] = [];
  const traces: Record<string, unknown>[] = series.map((s, i) => {
    const c = rocCurve(s.labels, s.scores);
    const auc = rocAuc(s.labels, s.scores);
    if (auc.toFixed(3) === "1.000") perfect.push(s.name);
    const st = seriesStyle(i);
    return {
      type: "scatter",
      mode: "lines",
      name: `${s.name} (AUC ${auc.toFixed(3)})`,
      x: c.x,
      y: c.y,
      line: { color: st.color, dash: st.dash, width: 2.5 },
      hovertemplate: "FPR %{x:.4f}<br>TPR %{y:.4f}<extra>" + s.name + "</extra>",
    };
  });
  traces.push({ type: "scatter", mode: "lines", name: "chance", x: [0, 1], y: [0, 1], line: { color: "#999", dash: "dot", width: 1 }, hoverinfo: "skip" });
  return styled(
    {
      data: traces,
      layout: {
        xaxis: unitAxis("false-positive rate"),
        yaxis: unitAxis("true-positive rate (recall)"),
        legend: legendOutside(),
        shapes: [UNIT_BOX],
        annotations: overlapNote(perfect, "on the left and top edges"),
      },
    },
    title,
  );
}

/**
 * Precision–recall curves of several models, average precision (PR-AUC) in the legend and the
 * anomaly share as the no-skill line. Same colours, legend and padded axes as {@link rocCurvesFigure}.
 *
 * @example
 * await run.figure(prCurvesFigure(series, "BGL test: precision–recall"), "bgl-pr");
 */
export function prCurvesFigure(series: readonly ScoredSeries[], title = "Precision–recall curves"): Figure {
  const perfect: string[] = [];
  const traces: Record<string, unknown>[] = series.map((s, i) => {
    const c = prCurve(s.labels, s.scores);
    const ap = prAuc(s.labels, s.scores);
    if (ap.toFixed(3) === "1.000") perfect.push(s.name);
    const st = seriesStyle(i);
    return {
      type: "scatter",
      mode: "lines",
      name: `${s.name} (AP ${ap.toFixed(3)})`,
      x: c.x,
      y: c.y,
      line: { color: st.color, dash: st.dash, width: 2.5, shape: "hv" },
      hovertemplate: "recall %{x:.4f}<br>precision %{y:.4f}<extra>" + s.name + "</extra>",
    };
  });
  if (series.length > 0) {
    const l = series[0]!.labels;
    let pos = 0;
    for (let i = 0; i < l.length; i++) pos += l[i]!;
    const base = l.length ? pos / l.length : 0;
    traces.push({ type: "scatter", mode: "lines", name: `no skill (${base.toFixed(3)})`, x: [0, 1], y: [base, base], line: { color: "#999", dash: "dot", width: 1 }, hoverinfo: "skip" });
  }
  return styled(
    {
      data: traces,
      layout: {
        xaxis: unitAxis("recall"),
        yaxis: unitAxis("precision"),
        legend: legendOutside(),
        shapes: [UNIT_BOX],
        annotations: overlapNote(perfect, "along the top edge"),
      },
    },
    title,
  );
}
