import { legendOutside, seriesStyle, styled, type Figure } from "./figure.js";

/** A point of an embedding map (see `embeddingMap` in lib/models/bert). */
export interface EmbeddingMapPointLike {
  x: number;
  y: number;
  system: string;
  class: string;
  content: string;
}

/**
 * A 2-D map of sentence embeddings: one scatter trace per system or per class (`colourBy`) in the
 * house series styles (16 systems: ten colours, then the same colours with square markers), the
 * message shown on hover, the legend outside the plot. The largest groups are drawn first, so a
 * rare class is never buried under the normal lines (the legend keeps the sorted order). Axes are the projection's components (their explained variance in the
 * titles when given).
 */
export function embeddingMapFigure(points: readonly EmbeddingMapPointLike[], colourBy: "system" | "class", title = `Sentence embeddings by ${colourBy}`, explained?: readonly [number, number]): Figure {
  const groups = [...new Set(points.map((p) => p[colourBy]))].sort();
  const data = groups.map((g, i) => {
    const ps = points.filter((p) => p[colourBy] === g);
    return { type: "scattergl", mode: "markers", name: `${g} (${ps.length})`, x: ps.map((p) => p.x), y: ps.map((p) => p.y), text: ps.map((p) => (p.content.length > 120 ? p.content.slice(0, 117) + "…" : p.content)), marker: { size: 5, opacity: 0.7, color: seriesStyle(i).color, symbol: seriesStyle(i).symbol }, hovertemplate: `${g}<br>%{text}<extra></extra>`, legendrank: i + 1 };
  });
  data.sort((a, b) => b.x.length - a.x.length || a.legendrank - b.legendrank);
  const pct = (v: number | undefined): string => (v === undefined ? "" : ` (${(100 * v).toFixed(1)}% of variance)`);
  return styled({ data, layout: { xaxis: { title: { text: `component 1${pct(explained?.[0])}` }, zeroline: false }, yaxis: { title: { text: `component 2${pct(explained?.[1])}` }, zeroline: false }, legend: { ...legendOutside(), itemsizing: "constant" } } }, title);
}
