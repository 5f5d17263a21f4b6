import { logAxis, styled, type Figure } from "./figure.js";

/** Box plot of session (or window) lengths per group: median, quartiles, whiskers and outliers. */
export function sessionLengthFigure(groups: readonly { name: string; lengths: readonly number[] }[]): Figure {
  return styled(
    {
      data: groups.map((g) => ({
        type: "box",
        name: `${g.name} (${g.lengths.length})`,
        y: g.lengths,
        boxpoints: "outliers",
        marker: { size: 3 },
        hovertemplate: `${g.name}: %{y} events<extra></extra>`,
      })),
      layout: { yaxis: logAxis(groups.flatMap((g) => g.lengths), { title: { text: "events per session (log scale)" } }), showlegend: false, xaxis: { tickangle: -30, automargin: true }, margin: { l: 90, b: 170 } },
    },
    "Session length distribution",
  );
}
