/** Events (and anomalies) per time bin. */
export interface EventRate {
  /** Bin width in ms. */
  binMs: number;
  /** Start of each bin (epoch ms), consecutive, empty bins included. */
  binStart: number[];
  counts: number[];
  /** Anomalous events per bin (when labels were given). */
  anomalies: number[] | null;
  /** Events without a timestamp (not counted). */
  missingTime: number;
}

const NICE_BINS_MS = [1e3, 5e3, 10e3, 30e3, 60e3, 300e3, 600e3, 1800e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3, 86400e3, 7 * 86400e3, 30 * 86400e3, 365 * 86400e3];

/**
 * Counts events per time bin (for "events over time" plots). Without `binMs`, the smallest round
 * width (1 s, 5 s, …, 1 day, …) that gives at most `maxBins` bins is used.
 *
 * `labels` (1 = anomalous) is an array or a function of the event's index.
 *
 * @example
 * const rate = eventCountsOverTime(parsed, { labels: alertLabels });
 * eventCountsOverTime(synthetic, { labels: (i) => synthetic[i].label });
 */
export function eventCountsOverTime(events: readonly { timestamp?: number }[], options: { binMs?: number; maxBins?: number; labels?: ArrayLike<number> | ((index: number) => number) } = {}): EventRate {
  const maxBins = options.maxBins ?? 200;
  const given = options.labels;
  const labels: ArrayLike<number> | undefined = typeof given === "function" ? Float64Array.from(events, (_, i) => given(i)) : given;
  if (labels && labels.length !== events.length) throw new Error(`eventCountsOverTime: ${events.length} events but ${labels.length} labels`);
  let tMin = Infinity;
  let tMax = -Infinity;
  let missing = 0;
  for (const e of events) {
    if (e.timestamp === undefined || !Number.isFinite(e.timestamp)) missing++;
    else {
      if (e.timestamp < tMin) tMin = e.timestamp;
      if (e.timestamp > tMax) tMax = e.timestamp;
    }
  }
  if (tMin === Infinity) return { binMs: options.binMs ?? 0, binStart: [], counts: [], anomalies: labels ? [] : null, missingTime: missing };
  const span = tMax - tMin + 1;
  const binMs = options.binMs ?? NICE_BINS_MS.find((b) => span / b <= maxBins) ?? Math.ceil(span / maxBins);
  if (!(binMs > 0)) throw new Error(`eventCountsOverTime: binMs must be positive, got ${binMs}`);
  const origin = Math.floor(tMin / binMs) * binMs;
  const n = Math.floor((tMax - origin) / binMs) + 1;
  if (n > 1_000_000) throw new Error(`eventCountsOverTime: ${n} bins of ${binMs} ms; choose a wider binMs`);
  const counts = new Array<number>(n).fill(0);
  const anomalies = labels ? new Array<number>(n).fill(0) : null;
  events.forEach((e, i) => {
    if (e.timestamp === undefined || !Number.isFinite(e.timestamp)) return;
    const b = Math.floor((e.timestamp - origin) / binMs);
    counts[b]!++;
    if (anomalies && labels![i]) anomalies[b]!++;
  });
  return { binMs, binStart: counts.map((_, k) => origin + k * binMs), counts, anomalies, missingTime: missing };
}

/** One summary row of a binned series. */
export type EventRateRow = {
  series: string;
  bins: number;
  "bin (s)": number;
  events: number;
  /** Null when the series has no labels. */
  anomalous: number | null;
  "no timestamp": number;
};

/** One summary row per binned series: bins, bin width, events, anomalous events, events without time. */
export function eventRateRows(series: readonly (EventRate & { name: string })[]): EventRateRow[] {
  return series.map((r) => ({
    series: r.name,
    bins: r.counts.length,
    "bin (s)": r.binMs / 1000,
    events: r.counts.reduce((a, b) => a + b, 0),
    anomalous: r.anomalies ? r.anomalies.reduce((a, b) => a + b, 0) : null,
    "no timestamp": r.missingTime,
  }));
}
