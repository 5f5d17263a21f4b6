/**
 * A Plotly figure as plain JSON: traces, layout and config exactly as Plotly.newPlot takes them.
 * Kept as loose records so figure builders stay small; see https://plotly.com/javascript/reference/.
 */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Default pixel size of saved PNGs. */
export const DEFAULT_PNG_SIZE = { width: 900, height: 520 } as const;

/** A figure with loglab's house style (white template, readable margins) merged into its layout. */
export function styled(fig: Figure, title?: string): Figure {
  return {
    data: fig.data,
    layout: {
      template: "plotly_white",
      font: { family: "DejaVu Sans, Arial, sans-serif", size: 13 },
      ...(title ? { title: { text: title } } : {}),
      ...(fig.layout ?? {}),
      // A figure's own margins refine the house margins instead of replacing them all.
      margin: { l: 70, r: 30, t: title ? 60 : 30, b: 60, ...((fig.layout?.margin as Record<string, number> | undefined) ?? {}) },
    },
    config: { displaylogo: false, responsive: true, ...(fig.config ?? {}) },
  };
}
