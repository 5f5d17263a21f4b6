import { SEQUENTIAL_BLUES } from "./confusion-heatmap.js";
import { styled, widestLabelPx, type Figure } from "./figure.js";

/** One result on the leaderboard: a model's score on a dataset, and where it comes from. */
export interface LeaderboardEntry {
  model: string;
  dataset: string;
  /** The score shown (test F1 by default); null when the model was not run there. */
  f1: number | null;
  /** The notebook or family the number comes from, e.g. "05 classic", "06 sequence". */
  source: string;
}

/** Row order of {@link leaderboardFigure}. */
export type LeaderboardSort = "mean" | "name" | "given" | { dataset: string };

/** Options of {@link leaderboardFigure}. */
export interface LeaderboardOptions {
  /**
   * Row order, best first: "mean" (default; mean score over the datasets a model has), "name",
   * "given" (first appearance in `entries`), or `{ dataset }` (that dataset's score; models
   * without it last). Ties and missing means go by name.
   */
  sort?: LeaderboardSort;
  /** Column order (default: first appearance in `entries`). */
  datasets?: readonly string[];
  /** What the score is, for the colour bar and hover (default "test F1"). */
  metric?: string;
  /** Add a last column with each row's mean over its datasets (default: when sorted by the mean over two or more datasets). */
  showMean?: boolean;
}

/** One row of the leaderboard as drawn: the label and its scores in column order. */
export interface LeaderboardRow {
  model: string;
  source: string;
  label: string;
  scores: (number | null)[];
  mean: number | null;
}

/** Pixel height of one leaderboard row (40 rows ≈ 1,000 px). */
const ROW_PX = 22;

/**
 * The leaderboard's rows in display order (best first) and its columns; throws when one model of
 * one source has two scores on the same dataset (the figure would have to pick one silently).
 */
export function leaderboardRows(entries: readonly LeaderboardEntry[], options: Pick<LeaderboardOptions, "sort" | "datasets"> = {}): { rows: LeaderboardRow[]; datasets: string[] } {
  const datasets = options.datasets ? [...options.datasets] : [...new Set(entries.map((e) => e.dataset))];
  const byKey = new Map<string, LeaderboardRow>();
  for (const e of entries) {
    const key = `${e.model}\u0000${e.source}`;
    let row = byKey.get(key);
    if (!row) {
      row = { model: e.model, source: e.source, label: `${e.model} · ${e.source}`, scores: datasets.map(() => null), mean: null };
      byKey.set(key, row);
    }
    const j = datasets.indexOf(e.dataset);
    if (j < 0) continue;
    if (row.scores[j] !== null && e.f1 !== null) throw new Error(`leaderboardFigure: two scores for ${e.model} (${e.source}) on ${e.dataset}`);
    if (e.f1 !== null) row.scores[j] = e.f1;
  }
  const rows = [...byKey.values()];
  for (const r of rows) {
    const present = r.scores.filter((v): v is number => v !== null && Number.isFinite(v));
    r.mean = present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
  }
  const sort = options.sort ?? "mean";
  const byName = (a: LeaderboardRow, b: LeaderboardRow): number => a.label.localeCompare(b.label);
  // Descending by a key that may be missing: missing last, then by name.
  const desc = (key: (r: LeaderboardRow) => number | null) => (a: LeaderboardRow, b: LeaderboardRow): number => {
    const x = key(a);
    const y = key(b);
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x || byName(a, b);
  };
  if (sort === "name") rows.sort(byName);
  else if (sort === "mean") rows.sort(desc((r) => r.mean));
  else if (sort !== "given") {
    const j = datasets.indexOf(sort.dataset);
    if (j < 0) throw new Error(`leaderboardFigure: cannot sort by dataset "${sort.dataset}": the columns are ${datasets.join(", ")}`);
    rows.sort(desc((r) => r.scores[j] ?? null));
  }
  return { rows, datasets };
}

/**
 * A leaderboard across notebooks: one row per model (labelled with the notebook or family it
 * comes from), one column per dataset, each cell printing its score on a sequential colour scale
 * (white at 0, dark at 1); the best score of each column is bold, a missing one shows "–". Best
 * row first. When sorted by the mean, a last "mean" column shows it (with the number of datasets
 * in brackets where a model lacks some), so the order can be read off the figure. The height grows with the rows (22 px each, `layout.height`), so 40 rows stay
 * readable; the left margin fits the longest label.
 *
 * @example
 * await run.figure(leaderboardFigure([{ model: "pca", dataset: "HDFS", f1: 0.85, source: "05 classic" }, …]), "leaderboard");
 */
export function leaderboardFigure(entries: readonly LeaderboardEntry[], title = "Leaderboard: test F1", options: LeaderboardOptions = {}): Figure {
  const metric = options.metric ?? "test F1";
  const { rows, datasets } = leaderboardRows(entries, options);
  const showMean = options.showMean ?? ((options.sort ?? "mean") === "mean" && datasets.length > 1);
  // The mean column, when shown, says how many datasets each mean is over.
  const columns = showMean ? [...datasets, "mean"] : datasets;
  const cellsOf = (r: LeaderboardRow): (number | null)[] => (showMean ? [...r.scores, r.mean] : r.scores);
  const best = columns.map((_, j) => Math.max(-Infinity, ...rows.map((r) => cellsOf(r)[j] ?? -Infinity)));
  const cell = (v: number | null, j: number, r: LeaderboardRow): string => {
    if (v === null) return "–";
    const text = v === best[j] ? `<b>${v.toFixed(3)}</b>` : v.toFixed(3);
    if (showMean && j === datasets.length) {
      const n = r.scores.filter((x) => x !== null).length;
      return n < datasets.length ? `${text} <i>(${n})</i>` : text;
    }
    return text;
  };
  // Plotly puts the first category at the bottom: reverse so the best row is on top.
  const shown = [...rows].reverse();
  const labelPx = widestLabelPx(rows.map((r) => r.label), 12);
  const left = labelPx + 30;
  const colPx = Math.max(90, widestLabelPx(columns, 12) + 20);
  const width = Math.max(600, left + colPx * columns.length + 150);
  const height = Math.max(300, 150 + ROW_PX * rows.length);
  return styled(
    {
      data: [
        {
          type: "heatmap",
          x: columns,
          y: shown.map((r) => r.label),
          z: shown.map(cellsOf),
          text: shown.map((r) => cellsOf(r).map((v, j) => cell(v, j, r))),
          texttemplate: "%{text}",
          textfont: { size: 11 },
          customdata: shown.map((r) => cellsOf(r).map(() => (r.mean === null ? "–" : r.mean.toFixed(3)))),
          hovertemplate: `%{y}<br>%{x}: %{z:.3f} ${metric}<br>mean over its datasets %{customdata}<extra></extra>`,
          colorscale: SEQUENTIAL_BLUES.map(([v, c]) => [v, c]),
          zmin: 0,
          zmax: 1,
          xgap: 2,
          ygap: 2,
          hoverongaps: false,
          colorbar: { title: { text: metric }, len: Math.min(1, 400 / height), y: 1, yanchor: "top", thickness: 14 },
        },
      ],
      layout: {
        xaxis: { type: "category", side: "top", tickfont: { size: 12 }, showgrid: false },
        yaxis: { type: "category", tickfont: { size: 12 }, showgrid: false, automargin: true },
        width,
        height,
        plot_bgcolor: "#f2f2f2",
        margin: { l: left, t: 110, b: 20, r: 20 },
      },
    },
    title,
  );
}
