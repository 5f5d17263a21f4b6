import { legendOutside, logAxisTicks, styled, widestLabelPx, type Figure } from "./figure.js";

/**
 * Sessions against distinct sessions per dataset or split (HDFS: 4,855 training sessions, 839
 * distinct), as horizontal bars: the names (long file paths such as
 * "hdfs-deeplog/hdfs_test_abnormal_dev") read horizontally in a left margin sized to the longest,
 * the counts on a log axis with written-out ticks, the distinct share printed beside each pair.
 * Rows keep the given order, top to bottom; the figure grows with the rows (`layout.height`).
 */
export function duplicateSessionsFigure(rows: readonly { name: string; sessions: number; distinct: number }[]): Figure {
  const names = rows.map((r) => r.name);
  const maxSessions = Math.max(10, ...rows.map((r) => r.sessions));
  const labelPx = widestLabelPx(names, 12);
  return styled(
    {
      data: [
        { type: "bar", orientation: "h", name: "sessions", y: names, x: rows.map((r) => r.sessions), marker: { color: "#9ecae9" }, hovertemplate: "%{y}: %{x:,} sessions<extra></extra>" },
        {
          type: "bar",
          orientation: "h",
          name: "distinct sessions",
          y: names,
          x: rows.map((r) => r.distinct),
          text: rows.map((r) => `${((100 * r.distinct) / Math.max(1, r.sessions)).toFixed(0)}%`),
          textposition: "outside",
          textfont: { size: 11 },
          cliponaxis: false,
          marker: { color: "#4c78a8" },
          hovertemplate: "%{y}: %{x:,} distinct (%{text} of sessions)<extra></extra>",
        },
      ],
      layout: {
        barmode: "group",
        bargap: 0.25,
        xaxis: { title: { text: "sessions (log scale); the % is the distinct share" }, type: "log", ...logAxisTicks([1, ...rows.map((r) => r.sessions)]), range: [0, Math.log10(maxSessions) + 0.3] },
        yaxis: { type: "category", autorange: "reversed", tickfont: { size: 12 }, automargin: true },
        legend: legendOutside(),
        height: Math.max(420, 150 + 34 * rows.length),
        margin: { l: labelPx + 20, b: 60 },
      },
    },
    "Duplicate sessions: all vs distinct",
  );
}
