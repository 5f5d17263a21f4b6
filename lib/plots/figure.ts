/**
 * A Plotly figure as plain JSON: traces, layout and config exactly as Plotly.newPlot takes them.
 * Kept as loose records so figure builders stay small; see https://plotly.com/javascript/reference/.
 */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Default pixel size of saved PNGs. */
export const DEFAULT_PNG_SIZE = { width: 900, height: 520 } as const;

/** Font size of the house style (tick labels, legend). */
export const HOUSE_FONT_SIZE = 13;

/** A figure with loglab's house style (white template, readable margins) merged into its layout. */
export function styled(fig: Figure, title?: string): Figure {
  return {
    data: fig.data,
    layout: {
      template: "plotly_white",
      font: { family: "DejaVu Sans, Arial, sans-serif", size: HOUSE_FONT_SIZE },
      ...(title ? { title: { text: title } } : {}),
      ...(fig.layout ?? {}),
      // A figure's own margins refine the house margins instead of replacing them all.
      margin: { l: 70, r: 30, t: title ? 60 : 30, b: 60, ...((fig.layout?.margin as Record<string, number> | undefined) ?? {}) },
    },
    config: { displaylogo: false, responsive: true, ...(fig.config ?? {}) },
  };
}

/**
 * Ten colours that stay apart on white (D3's category10): series 0–9 of a figure get one each.
 */
export const SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"] as const;

/** Line dashes of the second, third and fourth round of {@link SERIES_COLORS}. */
export const SERIES_DASHES = ["solid", "dash", "dot", "dashdot"] as const;

/** Marker symbols, one per round of {@link SERIES_COLORS}. */
export const SERIES_SYMBOLS = ["circle", "square", "diamond", "triangle-up"] as const;

/** How series `i` of a multi-series figure is drawn. */
export interface SeriesStyle {
  color: string;
  dash: string;
  symbol: string;
}

/**
 * The style of series `i`: the first ten series get ten distinct colours (solid lines, circles);
 * series 10–19 reuse the colours with dashed lines and squares, 20–29 dotted with diamonds,
 * 30–39 dash-dot with triangles. So no two of the first 40 series share colour *and* dash, and
 * a legend entry always tells them apart. Past 40 a figure should be split into small multiples.
 */
export function seriesStyle(i: number): SeriesStyle {
  const round = Math.floor(i / SERIES_COLORS.length) % SERIES_DASHES.length;
  return { color: SERIES_COLORS[i % SERIES_COLORS.length]!, dash: SERIES_DASHES[round]!, symbol: SERIES_SYMBOLS[round]! };
}

/**
 * Approximate width in pixels of `text` in DejaVu Sans at `fontSize` (HTML tags such as `<br>`
 * split lines; the widest line counts). DejaVu Sans averages about 0.6 em per character; capitals
 * and wide letters a little more, so this errs on the wide side.
 */
export function textWidthPx(text: string, fontSize = HOUSE_FONT_SIZE): number {
  const lines = text.split(/<br\s*\/?>/i).map((l) => l.replace(/<[^>]*>/g, ""));
  let widest = 0;
  for (const line of lines) {
    let em = 0;
    for (const ch of line) em += /[A-Z@%MWmw—–]/.test(ch) ? 0.78 : /[il.,:;'|!ijtf ]/.test(ch) ? 0.36 : 0.62;
    widest = Math.max(widest, em);
  }
  return Math.ceil(widest * fontSize);
}

/** The widest of `labels` in pixels (0 for none). */
export function widestLabelPx(labels: readonly string[], fontSize = HOUSE_FONT_SIZE): number {
  return labels.reduce((w, l) => Math.max(w, textWidthPx(l, fontSize)), 0);
}

/**
 * A legend outside the plotting area, to the right of it, top-aligned, so it never covers the data.
 * Plotly grows the right margin to fit it (`margin.autoexpand`, on by default).
 */
export function legendOutside(fontSize = 11): Record<string, unknown> {
  return { x: 1.02, xanchor: "left", y: 1, yanchor: "top", font: { size: fontSize }, bgcolor: "rgba(255,255,255,0)", tracegroupgap: 2 };
}

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

/** A log-axis tick label written out in full: 0.001, 0.5, 20, 1,000, 50,000; 10⁶ and 2×10⁻⁵ beyond. */
export function logTickLabel(v: number): string {
  const exp = Math.floor(Math.log10(v) + 1e-9);
  const mantissa = Math.round(v / 10 ** exp);
  if (exp >= -3 && exp < 6) return exp < 0 ? v.toFixed(-exp) : Math.round(v).toLocaleString("en-US");
  const power = `10${String(exp).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
  return mantissa === 1 ? power : `${mantissa}×${power}`;
}

/**
 * Tick positions and full labels for a log axis over `values` (non-positive and non-finite ones
 * are ignored): powers of ten only when the data span more than about three decades (every k-th
 * power past twelve), 1-2-5 steps over one to three decades, every digit below one decade. Plotly's own log ticks label the in-between steps
 * with their leading digit only ("2 5 10 2 5 100"), which reads as nonsense in a PNG.
 * Returns `{}` (Plotly's defaults) when fewer than two ticks would fall inside the data.
 */
export function logAxisTicks(values: Iterable<number>): { tickmode?: "array"; tickvals?: number[]; ticktext?: string[] } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(min <= max)) return {};
  const lo = Math.floor(Math.log10(min) + 1e-9);
  const hi = Math.ceil(Math.log10(max) - 1e-9);
  const span = Math.log10(max / min);
  const mantissas = span > 3.2 ? [1] : span > 0.8 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const step = span > 12 ? Math.ceil(span / 8) : 1;
  const tickvals: number[] = [];
  for (let e = lo; e <= hi; e++) {
    if (mantissas.length === 1 && (e - lo) % step !== 0) continue;
    for (const m of mantissas) tickvals.push(Number((m * 10 ** e).toPrecision(6)));
  }
  const inside = tickvals.filter((t) => t >= min / 1.0001 && t <= max * 1.0001).length;
  if (inside < 2) return {};
  // Keep one tick at or beyond each end of the data (the axis range may be padded), no more.
  let first = 0;
  while (first + 1 < tickvals.length && tickvals[first + 1]! <= min * 1.0001) first++;
  const lastAt = tickvals.findIndex((t) => t >= max / 1.0001);
  const kept = tickvals.slice(first, lastAt < 0 ? tickvals.length : lastAt + 1);
  return { tickmode: "array", tickvals: kept, ticktext: kept.map(logTickLabel) };
}

/** A log axis with readable ticks for `values` (see {@link logAxisTicks}), merged with `extra`. */
export function logAxis(values: Iterable<number>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "log", ...logAxisTicks(values), ...extra };
}
