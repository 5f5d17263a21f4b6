import type { EpochRecord } from "../models/detector.js";
import { styled, type Figure } from "./figure.js";

/** One model's training history, as plotted by {@link trainingCurvesFigure}. */
export interface TrainingCurve {
  name: string;
  history: readonly EpochRecord[];
}

const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#eeca3b", "#1f77b4", "#8c564b"];

/**
 * Training curves: training loss (solid) and validation loss (dashed) per epoch for each model,
 * on a log scale (losses of different models differ by orders of magnitude). A star marks each
 * model's best validation epoch (the weights it keeps). One legend entry per model.
 */
export function trainingCurvesFigure(curves: readonly TrainingCurve[], title = "Training curves"): Figure {
  const data: Record<string, unknown>[] = [];
  curves.forEach((c, i) => {
    const color = PALETTE[i % PALETTE.length];
    const epochs = c.history.map((h) => h.epoch);
    data.push({ type: "scatter", mode: "lines", name: c.name, legendgroup: c.name, x: epochs, y: c.history.map((h) => h.loss), line: { color }, hovertemplate: `${c.name} train: %{y:.4f} at epoch %{x}<extra></extra>` });
    const val = c.history.filter((h) => h.valLoss !== undefined && Number.isFinite(h.valLoss));
    if (val.length > 0) {
      data.push({ type: "scatter", mode: "lines", name: `${c.name} validation`, legendgroup: c.name, showlegend: false, x: val.map((h) => h.epoch), y: val.map((h) => h.valLoss), line: { color, dash: "dash" }, hovertemplate: `${c.name} validation: %{y:.4f} at epoch %{x}<extra></extra>` });
      const best = val.reduce((a, b) => (b.valLoss! < a.valLoss! ? b : a));
      data.push({ type: "scatter", mode: "markers", name: `${c.name} best`, legendgroup: c.name, showlegend: false, x: [best.epoch], y: [best.valLoss], marker: { color, size: 9, symbol: "star" }, hovertemplate: `${c.name}: best validation loss %{y:.4f} at epoch %{x}<extra></extra>` });
    }
  });
  return styled(
    {
      data,
      layout: {
        xaxis: { title: { text: "epoch" }, rangemode: "tozero" },
        yaxis: { title: { text: "loss (weighted mean; solid train, dashed validation, ★ best)" }, type: "log" },
        legend: { font: { size: 10 }, tracegroupgap: 2 },
      },
    },
    title,
  );
}
