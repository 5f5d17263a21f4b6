import type { LabelCoverage } from "../label/label-coverage.js";
import { LOG_CLASSES } from "../label/log-classes.js";
import { styled, type Figure } from "./figure.js";

/** Colours of the seven classes (normal grey, so coverage reads as the coloured part). */
export const LOG_CLASS_COLORS: Readonly<Record<(typeof LOG_CLASSES)[number], string>> = {
  normal: "#c7c7c7",
  security: "#e45756",
  system_failure: "#4c78a8",
  performance: "#f58518",
  network: "#54a24b",
  config: "#b279a2",
  hardware: "#9d755d",
};

/** Stacked bars: the share of each rule-based class per system (the coloured part is the coverage). */
export function classDistributionFigure(coverage: readonly LabelCoverage[]): Figure {
  return styled(
    {
      data: LOG_CLASSES.map((c) => ({
        type: "bar",
        name: c,
        x: coverage.map((r) => r.system),
        y: coverage.map((r) => (r.lines ? r.perClass[c] / r.lines : 0)),
        customdata: coverage.map((r) => r.perClass[c]),
        marker: { color: LOG_CLASS_COLORS[c] },
        hovertemplate: `%{x} ${c}: %{customdata} lines (%{y:.1%})<extra></extra>`,
      })),
      layout: { barmode: "stack", yaxis: { title: { text: "share of lines" }, tickformat: ".0%" }, xaxis: { tickangle: -30 }, legend: { traceorder: "normal" } },
    },
    "Rule-based 7-class labels per system",
  );
}
