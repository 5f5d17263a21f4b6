import type { ThresholdPoint } from "../eval/threshold-curve.js";
import { legendOutside, logAxisTicks, styled, type Figure } from "./figure.js";

/**
 * Precision, recall, F1 and false-positive rate against the threshold over a validation sweep
 * (`chooseThreshold(...).curve`), with the chosen threshold marked: the whole curve the choice
 * was made on, so a reader sees how sharp or flat it is. Also fits DeepLog's top-g sweep when
 * its points are given as thresholds.
 *
 * @example
 * await run.figure(thresholdSweepFigure(fit.choice.curve, fit.choice.threshold, "PCA: validation sweep"), "pca-sweep");
 */
export function thresholdSweepFigure(curve: readonly ThresholdPoint[], chosen: number | null, title = "Threshold sweep on validation", options: { logX?: boolean } = {}): Figure {
  const pts = curve.filter((p) => Number.isFinite(p.threshold));
  const x = pts.map((p) => p.threshold);
  const line = (name: string, y: number[], color: string, dash = "solid"): Record<string, unknown> => ({ type: "scatter", mode: "lines", name, x, y, line: { color, dash, width: 2, shape: "hv" } });
  const data = [
    line("precision", pts.map((p) => p.precision), "#4c78a8"),
    line("recall", pts.map((p) => p.recall), "#f58518"),
    line("F1", pts.map((p) => p.f1), "#54a24b"),
    line("FPR", pts.map((p) => p.fpr), "#e45756", "dot"),
  ];
  const logX = options.logX ?? (x.length > 0 && Math.min(...x) > 0 && Math.max(...x) / Math.min(...x) > 1000);
  const shapes = chosen !== null && Number.isFinite(chosen) ? [{ type: "line", x0: chosen, x1: chosen, y0: 0, y1: 1, yref: "paper", line: { color: "#333", dash: "dash", width: 1 } }] : [];
  const annotations = chosen !== null && Number.isFinite(chosen) ? [{ x: logX ? Math.log10(chosen) : chosen, y: 1, yref: "paper", text: `chosen ${chosen.toPrecision(4)}`, showarrow: false, yanchor: "bottom" }] : [];
  return styled({ data, layout: { xaxis: { title: { text: "threshold (anomalous where score > threshold)" }, type: logX ? "log" : "linear", ...(logX ? logAxisTicks(x) : {}) }, yaxis: { title: { text: "value" }, range: [-0.02, 1.04], zeroline: false }, legend: legendOutside(), shapes, annotations } }, title);
}
