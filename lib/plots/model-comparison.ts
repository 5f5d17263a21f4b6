import { styled, type Figure } from "./figure.js";

/** One bar group: a model's measured score and, optionally, a published one for reference. */
export interface ModelScoreBar {
  model: string;
  value: number;
  published?: number | null;
}

/**
 * Grouped bars of one metric per model (e.g. test F1), with published numbers beside them when
 * given (different split: the caption should say so).
 *
 * @example
 * await run.figure(modelComparisonFigure(rows.map((r) => ({ model: r.model, value: r.f1, published: LOGLIZER_HDFS_F1[r.model] })), "F1", "HDFS test F1"), "hdfs-f1");
 */
export function modelComparisonFigure(bars: readonly ModelScoreBar[], metric: string, title = `${metric} by model`, publishedLabel = "published"): Figure {
  const data: Record<string, unknown>[] = [
    { type: "bar", name: "measured here", x: bars.map((b) => b.model), y: bars.map((b) => b.value), marker: { color: "#4c78a8" }, text: bars.map((b) => b.value.toFixed(3)), textposition: "outside" },
  ];
  if (bars.some((b) => b.published !== undefined && b.published !== null)) {
    data.push({ type: "bar", name: publishedLabel, x: bars.map((b) => b.model), y: bars.map((b) => b.published ?? null), marker: { color: "#bab0ac" }, text: bars.map((b) => (b.published != null ? b.published.toFixed(3) : "")), textposition: "outside" });
  }
  return styled({ data, layout: { barmode: "group", yaxis: { title: { text: metric }, range: [0, 1.1] }, xaxis: { title: { text: "model" } } } }, title);
}
