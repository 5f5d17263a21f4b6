import type { ShippedDataset } from "../data/catalog.js";
import { logAxis, styled, type Figure } from "./figure.js";

/** Bar chart of the shipped datasets: lines per dataset, with MiB in the hover text. */
export function datasetSizeFigure(datasets: readonly ShippedDataset[]): Figure {
  return styled(
    {
      data: [
        {
          type: "bar",
          x: datasets.map((d) => d.name),
          y: datasets.map((d) => d.lines),
          text: datasets.map((d) => `${(d.bytes / 2 ** 20).toFixed(2)} MiB`),
          textposition: "outside",
          marker: { color: "#4c78a8" },
          hovertemplate: "%{x}: %{y:,} lines, %{text}<extra></extra>",
        },
      ],
      layout: { xaxis: { title: { text: "dataset (data/)" } }, yaxis: logAxis(datasets.map((d) => d.lines), { title: { text: "lines (log scale)" } }) },
    },
    "Shipped datasets: lines per folder",
  );
}
