import { legendOutside, logAxisTicks, styled, type Figure } from "./figure.js";

/** One model's test scores with their labels (1 = anomalous) and the threshold it uses. */
export interface ScoreHistogramSeries {
  name: string;
  labels: ArrayLike<number>;
  scores: ArrayLike<number>;
  /** The chosen threshold: anomalous where score > threshold (for ranks: rank > g). */
  threshold?: number | null;
  /**
   * "score" (default): a continuous anomaly score. "rank": an integer rank such as DeepLog's (the
   * largest rank of a true next key in the session, 1 = always the top prediction; unseen keys
   * and padded positions get vocabulary size + 1), binned by whole ranks with the threshold g
   * drawn between g and g + 1.
   */
  kind?: "score" | "rank";
}

/** Options of {@link scoreHistogramFigure}. */
export interface ScoreHistogramOptions {
  /** "overlay" (default): both classes on one axis, translucent. "mirror": normals up, anomalies down on a reversed axis. */
  mode?: "overlay" | "mirror";
  /** Counts on a log axis (default false): the few anomalies stay visible beside many normals. */
  logCount?: boolean;
  /** Bars as each class's share instead of counts (default false). */
  share?: boolean;
  /** Log-spaced bins on a log score axis: true, false, or "auto" (default: positive scores spanning over three decades; ranks above 60). */
  logScore?: boolean | "auto";
  /** Number of bins for continuous scores (default 40). */
  bins?: number;
  /** Panels per row when several models are given (default 1, 2 up to four models, else 3). */
  columns?: number;
  /** x-axis title (default "anomaly score" / "worst rank of the true next key"). */
  scoreLabel?: string;
}

/** Bins of one model's scores: edges on the drawing axis (log10 of the score on a log scale) and counts per class. */
export interface ScoreBins {
  /** Bin edges on the drawing axis, ascending; bin i is [edges[i], edges[i+1]) and the last one is closed. */
  edges: number[];
  normal: number[];
  anomalous: number[];
  /** Scores that are NaN or ±Infinity (not binned), per class. */
  nonFinite: { normal: number; anomalous: number };
  /** Whether the edges are log10 of the score. */
  log: boolean;
}

const NORMAL_COLOR = "#1f77b4";
const ANOMALOUS_COLOR = "#d62728";

function decideLog(finite: readonly number[], kind: "score" | "rank", option: boolean | "auto"): boolean {
  if (option !== "auto") return option;
  if (finite.length === 0) return false;
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (kind === "rank") return min >= 1 && max > 60;
  return min > 0 && max / min > 1000;
}

/**
 * Bins one model's scores for {@link scoreHistogramFigure}: equal-width bins (log-spaced on a log
 * scale) for continuous scores, whole ranks (or runs of whole ranks) for ranks. Exported so the
 * counts can be checked and shown in tables.
 */
export function scoreHistogramBins(series: ScoreHistogramSeries, options: Pick<ScoreHistogramOptions, "logScore" | "bins"> = {}): ScoreBins {
  const kind = series.kind ?? "score";
  const n = series.scores.length;
  if (series.labels.length !== n) throw new Error(`scoreHistogramBins: ${series.name} has ${n} scores but ${series.labels.length} labels`);
  const finite: number[] = [];
  const nonFinite = { normal: 0, anomalous: 0 };
  for (let i = 0; i < n; i++) {
    const v = series.scores[i]!;
    if (Number.isFinite(v)) finite.push(v);
    else if (series.labels[i] === 1) nonFinite.anomalous++;
    else nonFinite.normal++;
  }
  const log = decideLog(finite, kind, options.logScore ?? "auto");
  if (log && finite.some((v) => v <= 0)) throw new Error(`scoreHistogramBins: ${series.name} has scores ≤ 0, which a log score axis cannot show (use logScore: false)`);
  let min = Infinity;
  let max = -Infinity;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (finite.length === 0) {
    min = 0;
    max = 1;
  }
  let edges: number[];
  if (kind === "rank") {
    // Whole ranks: bin k covers rank k exactly ([k − 0.5, k + 0.5)), or a run of ranks when many.
    const lo = Math.floor(min);
    const hi = Math.ceil(max);
    let ints: number[];
    if (log) {
      // Runs of whole ranks at least 1/steps of the log range wide, so that no bin (such as the
      // one holding DeepLog's "unseen key" rank V + 1 at the far end) is too thin to see.
      const steps = options.bins ?? 40;
      const w = Math.log10((hi + 0.5) / (lo - 0.5)) / steps;
      ints = [lo];
      for (let start = lo; start <= hi; ) {
        const end = Math.max(start, Math.ceil((start - 0.5) * 10 ** w - 0.5));
        start = end + 1;
        ints.push(start);
      }
    } else {
      const width = Math.max(1, Math.ceil((hi - lo + 1) / 60));
      ints = [];
      for (let k = lo; k <= hi + width; k += width) {
        ints.push(k);
        if (k > hi) break;
      }
    }
    edges = ints.map((k) => (log ? Math.log10(k - 0.5) : k - 0.5));
  } else {
    const a = log ? Math.log10(min) : min;
    let b = log ? Math.log10(max) : max;
    if (b <= a) b = a + (log ? 0.1 : a !== 0 ? Math.abs(a) * 0.01 : 1);
    const bins = Math.max(1, options.bins ?? 40);
    edges = Array.from({ length: bins + 1 }, (_, i) => a + ((b - a) * i) / bins);
  }
  const nb = edges.length - 1;
  const normal = new Array<number>(nb).fill(0);
  const anomalous = new Array<number>(nb).fill(0);
  for (let i = 0; i < n; i++) {
    const v = series.scores[i]!;
    if (!Number.isFinite(v)) continue;
    const t = log ? Math.log10(v) : v;
    // Binary search for the last edge ≤ t; the top edge belongs to the last bin.
    let lo = 0;
    let hi = nb - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    if (series.labels[i] === 1) anomalous[lo]!++;
    else normal[lo]!++;
  }
  return { edges, normal, anomalous, nonFinite, log };
}

function formatThreshold(v: number, kind: "score" | "rank"): string {
  if (kind === "rank") return `g = ${v}`;
  return `threshold ${Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(4)).toString()}`;
}

/**
 * Score histograms, one panel per model: test scores of normal items (blue) against anomalous
 * ones (red), overlaid or mirrored, with the chosen threshold as a dashed vertical line labelled
 * with its value. Counts can go on a log axis so a handful of anomalies stays visible next to
 * thousands of normals; heavy-tailed scores get log-spaced bins on a log score axis (drawn as
 * log10 of the score with the ticks written out). Handles DeepLog's ranks (`kind: "rank"`).
 * Non-finite scores are not binned; a panel says how many there were.
 *
 * @example
 * await run.figure(scoreHistogramFigure([{ name: "PCA", labels: test.labels, scores, threshold }], "HDFS test scores", { logCount: true }), "hdfs-pca-scores");
 */
export function scoreHistogramFigure(series: readonly ScoreHistogramSeries[], title = "Test scores: normal vs anomalous", options: ScoreHistogramOptions = {}): Figure {
  const mode = options.mode ?? "overlay";
  const mirror = mode === "mirror";
  const share = options.share ?? false;
  const logCount = options.logCount ?? false;
  const n = Math.max(1, series.length);
  const columns = Math.max(1, Math.min(options.columns ?? (n === 1 ? 1 : n <= 4 ? 2 : 3), n));
  const rows = Math.ceil(n / columns);
  const height = Math.max(440, 130 + rows * (mirror ? 320 : 260));
  const margin = { t: 100, b: 55, r: 20 };
  const xGap = 0.08;
  // About 90 px between rows: the x title of one row and the panel title of the next.
  const yGap = rows > 1 ? 90 / (height - margin.t - margin.b) : 0;
  const cellW = (1 - xGap * (columns - 1)) / columns;
  const cellH = (1 - yGap * (rows - 1)) / rows;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {};
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  let axisCount = 0;
  const countTitle = share ? "share of class" : logCount ? "count (log)" : "count";

  series.forEach((s, k) => {
    const kind = s.kind ?? "score";
    const bins = scoreHistogramBins(s, options);
    const row = Math.floor(k / columns);
    const col = k % columns;
    const x0 = col * (cellW + xGap);
    const y1 = 1 - row * (cellH + yGap);
    const totals = { normal: bins.normal.reduce((a, b) => a + b, 0), anomalous: bins.anomalous.reduce((a, b) => a + b, 0) };
    const centres = bins.edges.slice(0, -1).map((e, i) => (e + bins.edges[i + 1]!) / 2);
    const widths = bins.edges.slice(0, -1).map((e, i) => bins.edges[i + 1]! - e);
    const value = (c: number, total: number): number | null => {
      const v = share ? (total > 0 ? c / total : 0) : c;
      return logCount && v === 0 ? null : v;
    };
    const ranges = centres.map((_, i) => {
      const a = bins.log ? 10 ** bins.edges[i]! : bins.edges[i]!;
      const b = bins.log ? 10 ** bins.edges[i + 1]! : bins.edges[i + 1]!;
      return kind === "rank" ? (Math.ceil(a) === Math.floor(b) ? `rank ${Math.ceil(a)}` : `ranks ${Math.ceil(a)}–${Math.floor(b)}`) : `${a.toPrecision(3)} – ${b.toPrecision(3)}`;
    });

    // Axes: one (overlay) or two stacked (mirror: normals on top, anomalies below, pointing down).
    const top = ++axisCount;
    const bottom = mirror ? ++axisCount : top;
    const name = (i: number): string => (i === 1 ? "" : String(i));
    // Both classes share one count range (in mirror mode too), so bar lengths compare.
    const heights = [...bins.normal.map((c) => value(c, totals.normal)), ...bins.anomalous.map((c) => value(c, totals.anomalous))].filter((v): v is number => v !== null && v > 0);
    const top1 = Math.max(share ? 0.01 : 1, ...heights);
    const low = logCount ? Math.min(share ? 0.8 / Math.max(1, totals.normal, totals.anomalous) : 0.8, ...heights.map((h) => h * 0.8)) : 0;
    const range = logCount ? [Math.log10(low), Math.log10(top1 * 1.3)] : [0, top1 * 1.08];
    const countAxis = (reversed: boolean): Record<string, unknown> => ({
      type: logCount ? "log" : "linear",
      ...(logCount ? logAxisTicks(heights) : {}),
      ...(share && !logCount ? { tickformat: ".0%" } : {}),
      range: reversed ? [range[1], range[0]] : range,
      zeroline: false,
      title: { text: countTitle, font: { size: 11 }, standoff: 4 },
    });
    const yDomain: [number, number] = [Math.max(0, y1 - cellH), y1];
    // Where the threshold line goes on the drawing axis (null: none, or not drawable on a log axis).
    const hasThreshold = s.threshold !== undefined && s.threshold !== null && Number.isFinite(s.threshold);
    const at = hasThreshold ? (kind === "rank" ? s.threshold! + 0.5 : s.threshold!) : NaN;
    const tx = hasThreshold && (!bins.log || at > 0) ? (bins.log ? Math.log10(at) : at) : null;
    const lo = bins.edges[0]!;
    const hi = bins.edges[bins.edges.length - 1]!;
    const pad = (hi - lo) * 0.03;
    const xRange = [tx !== null ? Math.min(lo, tx - pad) : lo, tx !== null ? Math.max(hi, tx + pad) : hi];
    // Log ticks over the scores themselves (for ranks, not the half-rank bin edges).
    const first = 10 ** bins.edges[0]!;
    const last = 10 ** bins.edges[bins.edges.length - 1]!;
    const xTicks = bins.log ? logAxisTicks(kind === "rank" ? [first + 0.5, last - 0.5] : [first, last]) : {};
    const xAxis: Record<string, unknown> = {
      domain: [x0, x0 + cellW],
      anchor: `y${name(bottom)}`,
      title: { text: options.scoreLabel ?? (kind === "rank" ? "worst rank of the true next key" : "anomaly score"), font: { size: 11 }, standoff: 4 },
      zeroline: false,
      range: xRange,
      ...(bins.log && xTicks.tickvals ? { tickmode: "array", tickvals: xTicks.tickvals.map((v) => Math.log10(v)), ticktext: xTicks.ticktext } : {}),
    };
    if (mirror) {
      const mid = (yDomain[0] + yDomain[1]) / 2;
      layout[`yaxis${name(top)}`] = { ...countAxis(false), domain: [mid, yDomain[1]], anchor: `x${name(top)}` };
      layout[`yaxis${name(bottom)}`] = { ...countAxis(true), domain: [yDomain[0], mid], anchor: `x${name(bottom)}`, title: { text: "", standoff: 4 } };
      layout[`xaxis${name(top)}`] = { ...xAxis, anchor: `y${name(top)}`, matches: `x${name(bottom)}`, showticklabels: false, title: { text: "" } };
      layout[`xaxis${name(bottom)}`] = xAxis;
    } else {
      layout[`yaxis${name(top)}`] = { ...countAxis(false), domain: yDomain, anchor: `x${name(top)}` };
      layout[`xaxis${name(top)}`] = xAxis;
    }

    const bar = (cls: "normal" | "anomalous", axis: number): Record<string, unknown> => ({
      type: "bar",
      name: cls,
      legendgroup: cls,
      showlegend: k === 0,
      x: centres,
      width: widths,
      y: bins[cls].map((c) => value(c, totals[cls])),
      customdata: ranges.map((r, i) => [r, bins[cls][i]]),
      xaxis: `x${name(axis)}`,
      yaxis: `y${name(axis)}`,
      marker: { color: cls === "normal" ? NORMAL_COLOR : ANOMALOUS_COLOR, line: { width: 0 } },
      opacity: mirror ? 0.85 : 0.55,
      hovertemplate: `${s.name} · ${cls}<br>%{customdata[0]}: %{customdata[1]}<extra></extra>`,
    });
    data.push(bar("normal", top), bar("anomalous", bottom));

    // The threshold: a dashed line over the whole panel with its value above it.
    if (tx !== null) {
      const x = tx;
      const yref = `y${name(top)} domain`;
      shapes.push({ type: "line", xref: `x${name(top)}`, yref, x0: x, x1: x, y0: 0, y1: 1, line: { color: "#222", dash: "dash", width: 1.5 } });
      if (mirror) shapes.push({ type: "line", xref: `x${name(bottom)}`, yref: `y${name(bottom)} domain`, x0: x, x1: x, y0: 0, y1: 1, line: { color: "#222", dash: "dash", width: 1.5 } });
      // The label goes on the side of the line with more room.
      const right = (x - xRange[0]!) / (xRange[1]! - xRange[0]!) > 0.6;
      annotations.push({ xref: `x${name(top)}`, yref, x, y: 1, xanchor: right ? "right" : "left", yanchor: "top", showarrow: false, text: formatThreshold(s.threshold!, kind), font: { size: 11, color: "#222" }, bgcolor: "rgba(255,255,255,0.8)" });
    }
    const nf = bins.nonFinite.normal + bins.nonFinite.anomalous;
    const counts = `${totals.normal.toLocaleString("en-US")} normal · ${totals.anomalous.toLocaleString("en-US")} anomalous${nf ? ` · ${nf} non-finite not shown` : ""}`;
    annotations.push({ xref: "paper", yref: "paper", x: x0 + cellW / 2, y: y1, xanchor: "center", yanchor: "bottom", yshift: 4, showarrow: false, text: `<b>${s.name}</b>  <span style="font-size:10px;color:#555">${counts}</span>`, font: { size: 12 } });
    if (mirror) {
      annotations.push({ xref: `x${name(top)} domain`, yref: `y${name(top)} domain`, x: 0.99, y: 0.95, xanchor: "right", yanchor: "top", showarrow: false, text: "normal ↑", font: { size: 10, color: NORMAL_COLOR } });
      annotations.push({ xref: `x${name(bottom)} domain`, yref: `y${name(bottom)} domain`, x: 0.99, y: 0.05, xanchor: "right", yanchor: "bottom", showarrow: false, text: "anomalous ↓", font: { size: 10, color: ANOMALOUS_COLOR } });
    }
  });

  Object.assign(layout, {
    barmode: "overlay",
    bargap: 0,
    shapes,
    annotations,
    legend: legendOutside(),
    height,
    margin,
  });
  return styled({ data, layout }, title);
}
