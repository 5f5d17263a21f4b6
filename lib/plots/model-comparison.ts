import { DEFAULT_PNG_SIZE, legendOutside, styled, textWidthPx, widestLabelPx, type Figure } from "./figure.js";

/** One bar group: a model's measured score and, optionally, a published one for reference. */
export interface ModelScoreBar {
  model: string;
  value: number;
  published?: number | null;
}

/**
 * Bottom and left margins that fit category labels under a vertical bar chart: labels stay
 * horizontal while they fit their slot, otherwise they are slanted by 35° and the margins grow
 * to hold the widest (bottom) and the first one's reach to the left of its bar.
 */
export function categoryLabelMargins(labels: readonly string[], width: number = DEFAULT_PNG_SIZE.width, left = 70, right = 30): { tickangle: number; bottom: number; left: number } {
  const slot = (width - left - right) / Math.max(1, labels.length);
  const widest = widestLabelPx(labels);
  if (widest <= slot - 8) return { tickangle: 0, bottom: 30, left };
  const angle = (35 * Math.PI) / 180;
  const first = labels.length ? textWidthPx(labels[0]!) : 0;
  return {
    tickangle: -35,
    bottom: Math.ceil(widest * Math.sin(angle)) + 25,
    left: Math.max(left, Math.ceil(first * Math.cos(angle) - slot / 2) + 15),
  };
}

/**
 * Grouped bars of one metric per model (e.g. test F1), with published numbers beside them when
 * given (different split: the caption should say so). Margins are computed from the model names.
 *
 * @example
 * await run.figure(modelComparisonFigure(rows.map((r) => ({ model: r.model, value: r.f1, published: LOGLIZER_HDFS_F1[r.model] })), "F1", "HDFS test F1"), "hdfs-f1");
 */
export function modelComparisonFigure(bars: readonly ModelScoreBar[], metric: string, title = `${metric} by model`, publishedLabel = "published"): Figure {
  const data: Record<string, unknown>[] = [
    { type: "bar", name: "measured here", x: bars.map((b) => b.model), y: bars.map((b) => b.value), marker: { color: "#4c78a8" }, text: bars.map((b) => b.value.toFixed(3)), textposition: "outside", cliponaxis: false },
  ];
  const withPublished = bars.some((b) => b.published !== undefined && b.published !== null);
  if (withPublished) {
    data.push({ type: "bar", name: publishedLabel, x: bars.map((b) => b.model), y: bars.map((b) => b.published ?? null), marker: { color: "#bab0ac" }, text: bars.map((b) => (b.published != null ? b.published.toFixed(3) : "")), textposition: "outside", cliponaxis: false });
  }
  const m = categoryLabelMargins(bars.map((b) => b.model));
  // The x-axis title sits under the labels.
  const bottom = m.bottom + 35;
  return styled(
    {
      data,
      layout: {
        barmode: "group",
        yaxis: { title: { text: metric }, range: [0, 1.1] },
        xaxis: { title: { text: "model" }, tickangle: m.tickangle, automargin: true },
        showlegend: withPublished,
        legend: legendOutside(),
        margin: { l: m.left, b: bottom },
      },
    },
    title,
  );
}
