import type { LoghubParsingBenchmark } from "../experiments/parsing/loghub-parsing-benchmark.js";
import { styled, type Figure } from "./figure.js";

/**
 * Grouped bars per LogHub system: loglab's GA and PA next to plain Drain's GA (as run here) and
 * Drain's published GA (logparser's README). GA is on the original ground truth (what the
 * published numbers use); PA on the corrected one (Loghub-2.0's convention).
 *
 * @example
 * await run.figure(parsingAccuracyFigure(bench), "ga-pa-per-system");
 */
export function parsingAccuracyFigure(bench: LoghubParsingBenchmark): Figure {
  const systems = [...new Set(bench.rows.map((r) => r.system))];
  const get = (mode: string, key: "ga" | "paCorrected" | "publishedDrainGa"): (number | null)[] =>
    systems.map((s) => bench.rows.find((r) => r.system === s && r.mode === mode)?.[key] ?? null);
  const bar = (name: string, y: (number | null)[], color: string): Record<string, unknown> => ({
    type: "bar",
    name,
    x: systems,
    y,
    marker: { color },
    hovertemplate: `%{x}: %{y:.4f}<extra>${name}</extra>`,
  });
  const modes = new Set(bench.rows.map((r) => r.mode));
  const data = [
    ...(modes.has("loglab") ? [bar("loglab GA", get("loglab", "ga"), "#4c78a8"), bar("loglab PA (corrected truth)", get("loglab", "paCorrected"), "#72b7b2")] : []),
    ...(modes.has("drain") ? [bar("plain Drain GA (this run)", get("drain", "ga"), "#f58518"), bar("plain Drain PA (corrected truth)", get("drain", "paCorrected"), "#ffbf79")] : []),
    bar("Drain GA (published)", systems.map((s) => bench.rows.find((r) => r.system === s)?.publishedDrainGa ?? null), "#9d9da1"),
  ];
  return styled(
    {
      data,
      layout: {
        barmode: "group",
        bargap: 0.2,
        xaxis: { title: { text: "LogHub 2k system" }, tickangle: -35 },
        yaxis: { title: { text: "accuracy" }, range: [0, 1.05] },
        legend: { orientation: "h", y: -0.3 },
        margin: { b: 150 },
      },
    },
    "Grouping accuracy (original truth) and parsing accuracy (corrected truth) per system",
  );
}
