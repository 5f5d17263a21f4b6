import { prAuc, prCurve, rocAuc, rocCurve } from "../eval/roc.js";
import { styled, type Figure } from "./figure.js";

/** One model's scores on labelled items (1 = anomalous), for ROC / PR figures. */
export interface ScoredSeries {
  name: string;
  labels: ArrayLike<number>;
  scores: ArrayLike<number>;
}

const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#1f77b4", "#2ca02c"];

/**
 * ROC curves of several models on the same labelled items, AUC in the legend, with the chance
 * diagonal. Generic: any detector's scores (classic or neural).
 *
 * @example
 * await run.figure(rocCurvesFigure(results.map((r) => ({ name: r.model, labels: test.labels, scores: r.testScores })), "HDFS test: ROC"), "hdfs-roc");
 */
export function rocCurvesFigure(series: readonly ScoredSeries[], title = "ROC curves"): Figure {
  const traces: Record<string, unknown>[] = series.map((s, i) => {
    const c = rocCurve(s.labels, s.scores);
    return {
      type: "scatter",
      mode: "lines",
      name: `${s.name} (AUC ${rocAuc(s.labels, s.scores).toFixed(3)})`,
      x: c.x,
      y: c.y,
      line: { color: PALETTE[i % PALETTE.length], width: 2 },
      hovertemplate: "FPR %{x:.4f}<br>TPR %{y:.4f}<extra>" + s.name + "</extra>",
    };
  });
  traces.push({ type: "scatter", mode: "lines", name: "chance", x: [0, 1], y: [0, 1], line: { color: "#999", dash: "dot", width: 1 }, hoverinfo: "skip" });
  return styled({ data: traces, layout: { xaxis: { title: { text: "false-positive rate" }, range: [0, 1] }, yaxis: { title: { text: "true-positive rate (recall)" }, range: [0, 1.02] }, legend: { x: 1, xanchor: "right", y: 0, yanchor: "bottom" } } }, title);
}

/**
 * Precision–recall curves of several models, average precision (PR-AUC) in the legend and the
 * anomaly share as the no-skill line.
 *
 * @example
 * await run.figure(prCurvesFigure(series, "BGL test: precision–recall"), "bgl-pr");
 */
export function prCurvesFigure(series: readonly ScoredSeries[], title = "Precision–recall curves"): Figure {
  const traces: Record<string, unknown>[] = series.map((s, i) => {
    const c = prCurve(s.labels, s.scores);
    return {
      type: "scatter",
      mode: "lines",
      name: `${s.name} (AP ${prAuc(s.labels, s.scores).toFixed(3)})`,
      x: c.x,
      y: c.y,
      line: { color: PALETTE[i % PALETTE.length], width: 2, shape: "hv" },
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
  return styled({ data: traces, layout: { xaxis: { title: { text: "recall" }, range: [0, 1.02] }, yaxis: { title: { text: "precision" }, range: [0, 1.02] }, legend: { x: 0, xanchor: "left", y: 0, yanchor: "bottom" } } }, title);
}
