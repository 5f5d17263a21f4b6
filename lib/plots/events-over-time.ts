import { styled, type Figure } from "./figure.js";

/** One series of binned event counts (see `eventCountsOverTime`). */
export interface EventRateSeries {
  name: string;
  binStart: readonly number[];
  counts: readonly number[];
  anomalies?: readonly number[] | null;
  binMs: number;
}

function binLabel(ms: number): string {
  if (ms % 86400e3 === 0) return `${ms / 86400e3} d`;
  if (ms % 3600e3 === 0) return `${ms / 3600e3} h`;
  if (ms % 60e3 === 0) return `${ms / 60e3} min`;
  return `${ms / 1e3} s`;
}

/**
 * Events per time bin, one panel per series (each with its own date axis; `columns` panels per
 * row, default 1); anomalous events, where labeled, drawn over the totals in red.
 */
export function eventsOverTimeFigure(series: readonly EventRateSeries[], options: { columns?: number } = {}): Figure {
  const n = series.length;
  const columns = Math.max(1, Math.min(options.columns ?? 1, n));
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = { showlegend: true, legend: { orientation: "h", y: -0.06 }, grid: { rows: Math.max(1, Math.ceil(n / columns)), columns, pattern: "independent", roworder: "top to bottom", ygap: 0.45, xgap: 0.12 } };
  series.forEach((s, k) => {
    const ax = k === 0 ? "" : String(k + 1);
    const x = s.binStart.map((t) => new Date(t).toISOString());
    data.push({ type: "bar", name: "events", showlegend: k === 0, legendgroup: "events", x, y: s.counts, xaxis: `x${ax}`, yaxis: `y${ax}`, marker: { color: "#4c78a8" }, hovertemplate: `${s.name}: %{x}<br>%{y} events per ${binLabel(s.binMs)}<extra></extra>` });
    if (s.anomalies) {
      data.push({ type: "bar", name: "anomalous (ground truth)", showlegend: !series.slice(0, k).some((p) => p.anomalies), legendgroup: "anomalies", x, y: s.anomalies, xaxis: `x${ax}`, yaxis: `y${ax}`, marker: { color: "#e45756" }, hovertemplate: `${s.name}: %{x}<br>%{y} anomalous<extra></extra>` });
    }
    layout[`yaxis${ax}`] = { title: { text: `${s.name}<br><sub>per ${binLabel(s.binMs)}</sub>`, font: { size: 11 } } };
    layout[`xaxis${ax}`] = { type: "date", tickfont: { size: 9 }, nticks: 5 };
  });
  layout.barmode = "overlay";
  layout.bargap = 0;
  return styled({ data, layout }, "Events over time");
}
