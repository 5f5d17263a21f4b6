import { styled, type Figure } from "./figure.js";

/** Sessions against distinct sessions per dataset or split (HDFS: 4,855 training sessions, 839 distinct). */
export function duplicateSessionsFigure(rows: readonly { name: string; sessions: number; distinct: number }[]): Figure {
  return styled(
    {
      data: [
        { type: "bar", name: "sessions", x: rows.map((r) => r.name), y: rows.map((r) => r.sessions), marker: { color: "#9ecae9" }, hovertemplate: "%{x}: %{y} sessions<extra></extra>" },
        {
          type: "bar",
          name: "distinct sessions",
          x: rows.map((r) => r.name),
          y: rows.map((r) => r.distinct),
          text: rows.map((r) => `${((100 * r.distinct) / Math.max(1, r.sessions)).toFixed(0)}%`),
          textposition: "outside",
          marker: { color: "#4c78a8" },
          hovertemplate: "%{x}: %{y} distinct (%{text} of sessions)<extra></extra>",
        },
      ],
      layout: {
        barmode: "group",
        yaxis: { title: { text: "sessions (log scale)" }, type: "log", range: [0, Math.log10(Math.max(10, ...rows.map((r) => r.sessions))) + 0.3] },
        xaxis: { tickangle: -30, automargin: true },
        margin: { l: 90, b: 170 },
      },
    },
    "Duplicate sessions: all vs distinct",
  );
}
