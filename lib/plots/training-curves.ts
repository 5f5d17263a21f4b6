import type { EpochRecord } from "../models/detector.js";
import { logAxisTicks, seriesStyle, styled, type Figure } from "./figure.js";

/** One model's training history, as plotted by {@link trainingCurvesFigure}. */
export interface TrainingCurve {
  name: string;
  history: readonly EpochRecord[];
  /** The loss it minimises, e.g. "cross-entropy", "BCE", "MSE" (panel titles; grouping with `panels: "loss"`). */
  loss?: string;
}

/** Options of {@link trainingCurvesFigure}. */
export interface TrainingCurvesOptions {
  /**
   * One panel per model (default: each with its own y axis, since the losses of different models
   * are not comparable) or one panel per loss kind (models sharing a loss drawn together).
   */
  panels?: "model" | "loss";
  /** Panels per row (default: 1 for one panel, 2 up to four, else 3). */
  columns?: number;
}

/** Pixel height of one row of panels; the figure's height is set from the number of rows. */
const ROW_PX = 250;

/** Integer tick spacing for an axis up to `max`: about ten labels at most. */
function integerDtick(max: number): number {
  return [1, 2, 5, 10, 20, 50, 100, 200, 500].find((d) => max / d <= 10) ?? Math.ceil(max / 10);
}

interface Panel {
  title: string;
  yTitle: string;
  members: { curve: TrainingCurve; index: number }[];
}

function panelsOf(curves: readonly TrainingCurve[], by: "model" | "loss"): Panel[] {
  if (by === "model") {
    return curves.map((c, index) => ({ title: c.loss ? `${c.name} · ${c.loss}` : c.name, yTitle: c.loss ?? "loss", members: [{ curve: c, index }] }));
  }
  const groups = new Map<string, Panel>();
  curves.forEach((c, index) => {
    const kind = c.loss ?? "loss (kind not given)";
    if (!groups.has(kind)) groups.set(kind, { title: kind, yTitle: c.loss ?? "loss", members: [] });
    groups.get(kind)!.members.push({ curve: c, index });
  });
  return [...groups.values()];
}

/**
 * Training curves as small multiples: training loss (solid) and validation loss (dashed) per
 * epoch, with a star at the best validation epoch (the weights the model keeps). By default one
 * panel per model with its own y axis, so cross-entropy, BCE and MSE are never forced onto one
 * scale; a panel's y axis is logarithmic (ticks at 1-2-5 steps or powers of ten, written out)
 * when its losses span more than a factor of ten. The figure's height grows with the rows of
 * panels (`layout.height`, which `saveFigure` uses for the PNG).
 */
export function trainingCurvesFigure(curves: readonly TrainingCurve[], title = "Training curves", options: TrainingCurvesOptions = {}): Figure {
  const by = options.panels ?? "model";
  const panels = panelsOf(curves, by);
  const n = Math.max(1, panels.length);
  const columns = Math.max(1, Math.min(options.columns ?? (n === 1 ? 1 : n <= 4 ? 2 : 3), n));
  const rows = Math.ceil(n / columns);
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {};
  const annotations: Record<string, unknown>[] = [];
  const height = 150 + ROW_PX * rows;
  const margin = { t: 130, b: 50 };
  const xGap = 0.09;
  // About 80 px between rows: the x title of one row and the panel title of the next.
  const yGap = rows > 1 ? 80 / (height - margin.t - margin.b) : 0;
  const cellW = (1 - xGap * (columns - 1)) / columns;
  const cellH = (1 - yGap * (rows - 1)) / rows;
  const onePerPanel = by === "model";
  const legendShown = new Set<string>();
  const once = (key: string): boolean => (legendShown.has(key) ? false : (legendShown.add(key), true));

  panels.forEach((panel, k) => {
    const row = Math.floor(k / columns);
    const col = k % columns;
    const ax = k === 0 ? "" : String(k + 1);
    const x0 = col * (cellW + xGap);
    const y1 = 1 - row * (cellH + yGap);
    const values: number[] = [];
    for (const { curve: c, index } of panel.members) {
      // In a one-model panel, colour tells training from validation; in a shared panel, models.
      const color = onePerPanel ? "#1f77b4" : seriesStyle(index).color;
      const valColor = onePerPanel ? "#ff7f0e" : color;
      const group = onePerPanel ? "role" : c.name;
      const epochs = c.history.map((h) => h.epoch);
      const loss = c.history.map((h) => h.loss);
      values.push(...loss);
      data.push({
        type: "scatter",
        mode: c.history.length === 1 ? "markers" : "lines",
        name: onePerPanel ? "training loss" : c.name,
        legendgroup: onePerPanel ? "train" : group,
        showlegend: once(onePerPanel ? "train" : c.name),
        x: epochs,
        y: loss,
        xaxis: `x${ax}`,
        yaxis: `y${ax}`,
        line: { color, width: 2 },
        marker: { color },
        hovertemplate: `${c.name} train: %{y:.4g} at epoch %{x}<extra></extra>`,
      });
      const val = c.history.filter((h) => h.valLoss !== undefined && Number.isFinite(h.valLoss));
      if (val.length > 0) {
        values.push(...val.map((h) => h.valLoss!));
        data.push({
          type: "scatter",
          mode: val.length === 1 ? "markers" : "lines",
          name: onePerPanel ? "validation loss" : `${c.name} validation`,
          legendgroup: onePerPanel ? "validation" : group,
          showlegend: onePerPanel ? once("validation") : false,
          x: val.map((h) => h.epoch),
          y: val.map((h) => h.valLoss),
          xaxis: `x${ax}`,
          yaxis: `y${ax}`,
          line: { color: valColor, dash: "dash", width: 2 },
          marker: { color: valColor },
          hovertemplate: `${c.name} validation: %{y:.4g} at epoch %{x}<extra></extra>`,
        });
        const best = val.reduce((a, b) => (b.valLoss! < a.valLoss! ? b : a));
        data.push({
          type: "scatter",
          mode: "markers",
          name: onePerPanel ? "best validation epoch (kept)" : `${c.name} best`,
          legendgroup: onePerPanel ? "best" : group,
          showlegend: onePerPanel ? once("best") : false,
          x: [best.epoch],
          y: [best.valLoss],
          xaxis: `x${ax}`,
          yaxis: `y${ax}`,
          marker: { color: valColor, size: 11, symbol: "star", line: { color: "#333", width: 1 } },
          hovertemplate: `${c.name}: best validation loss %{y:.4g} at epoch %{x}<extra></extra>`,
        });
      }
    }
    // Each panel spans its own epochs (a 2-epoch model beside a 30-epoch one stays readable).
    const maxEpoch = Math.max(1, ...panel.members.flatMap((m) => m.curve.history.map((h) => h.epoch)));
    const finite = values.filter((v) => v > 0 && Number.isFinite(v));
    if (!values.some((v) => Number.isFinite(v))) {
      annotations.push({ xref: `x${ax} domain`, yref: `y${ax} domain`, x: 0.5, y: 0.5, showarrow: false, text: "no training history recorded", font: { size: 11, color: "#777" } });
    }
    const log = finite.length > 0 && Math.max(...finite) / Math.min(...finite) > 10;
    layout[`xaxis${ax}`] = {
      domain: [x0, x0 + cellW],
      anchor: `y${ax}`,
      title: row === rows - 1 || k + columns >= n ? { text: "epoch", standoff: 4 } : undefined,
      tick0: 0,
      dtick: integerDtick(maxEpoch),
      range: [0.5, maxEpoch + 0.5],
      zeroline: false,
    };
    layout[`yaxis${ax}`] = {
      domain: [Math.max(0, y1 - cellH), y1],
      anchor: `x${ax}`,
      title: { text: panel.yTitle, standoff: 4 },
      ...(log ? { type: "log", ...logAxisTicks(finite) } : { rangemode: "tozero" }),
      zeroline: false,
    };
    annotations.push({ xref: "paper", yref: "paper", x: x0 + cellW / 2, y: y1, xanchor: "center", yanchor: "bottom", yshift: 4, showarrow: false, text: `<b>${panel.title}</b>`, font: { size: 12 } });
  });

  Object.assign(layout, {
    annotations,
    // Between the title and the first row of panels, outside every plotting area.
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1 - 72 / height, yanchor: "top", yref: "container", font: { size: 11 } },
    height,
    margin,
  });
  return styled({ data, layout }, title);
}
