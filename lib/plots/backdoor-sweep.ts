import { legendOutside, styled, type Figure } from "./figure.js";

/** One point of a backdoor sweep: the swept setting, and ASR and BP F1 of the backdoored model there. */
export interface BackdoorSweepPoint {
  x: number;
  asr: number;
  f1: number;
}

/**
 * The backdoor study's sweeps (over λ or the poisoning ratio): attack success rate (solid) and
 * the backdoored model's BP F1 (dashed) against the swept setting, with the benign model's F1 as a
 * dotted reference line.
 */
export function backdoorSweepFigure(points: readonly BackdoorSweepPoint[], xTitle: string, benignF1: number | null, title: string): Figure {
  const xs = points.map((p) => p.x);
  const data: Record<string, unknown>[] = [
    { type: "scatter", mode: "lines+markers", name: "ASR (backdoored)", x: xs, y: points.map((p) => p.asr), line: { color: "#d62728", width: 3 }, marker: { size: 9 } },
    { type: "scatter", mode: "lines+markers", name: "BP F1 (backdoored)", x: xs, y: points.map((p) => p.f1), line: { color: "#1f77b4", dash: "dash", width: 2 }, marker: { size: 7 } },
  ];
  if (benignF1 !== null && xs.length > 0) data.push({ type: "scatter", mode: "lines", name: "BP F1 (benign)", x: [Math.min(...xs), Math.max(...xs)], y: [benignF1, benignF1], line: { color: "#2ca02c", dash: "dot", width: 2 } });
  return styled({ data, layout: { xaxis: { title: { text: xTitle } }, yaxis: { title: { text: "rate" }, range: [-0.02, 1.04] }, legend: legendOutside() } }, title);
}
