import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic-write.js";
import { DEFAULT_PNG_SIZE, type Figure } from "./figure.js";
import { ensurePlotlyBundle, figureHtml, plotlyBundleText, PLOTLY_BUNDLE } from "./html.js";
import { findChromium, PngRenderer } from "./png.js";

/** Where a figure was written. */
export interface SavedFigure {
  name: string;
  html: string;
  /** The PNG path, or null when no Chromium was found (see `pngSkipped`). */
  png: string | null;
  pngSkipped?: string;
}

/** Options of {@link saveFigure}. */
export interface SaveFigureOptions {
  /** PNG size in pixels (default: the figure's own `layout.width` / `layout.height`, else 900×520). */
  width?: number;
  height?: number;
  /** Embed the 4.8 MB Plotly bundle in the HTML instead of loading the shared copy beside it (default false). */
  inline?: boolean;
  /** Skip PNG rendering (default false). */
  noPng?: boolean;
}

/**
 * The PNG size of a figure: the caller's option, else the figure's own `layout.width` /
 * `layout.height` (builders of small multiples set a height that grows with the rows), else 900×520.
 */
export function pngSize(fig: Figure, options: { width?: number; height?: number } = {}): { width: number; height: number } {
  const own = (key: "width" | "height"): number | undefined => {
    const v = fig.layout?.[key];
    return typeof v === "number" && v > 0 ? v : undefined;
  };
  return { width: options.width ?? own("width") ?? DEFAULT_PNG_SIZE.width, height: options.height ?? own("height") ?? DEFAULT_PNG_SIZE.height };
}

let renderer: PngRenderer | null = null;
let warned = false;

/**
 * Saves a figure as `<dir>/<name>.html` (opens offline: it loads the Plotly bundle copied into
 * the same folder) and `<dir>/<name>.png` rendered by headless Chromium. Without Chromium the
 * PNG is skipped with one warning, unless `LOGLAB_REQUIRE_PNG=1` makes that an error (CI sets it).
 *
 * @example
 * const saved = await saveFigure(fig, resultsPath("03-eda", "figures"), "template-long-tail");
 */
export async function saveFigure(fig: Figure, dir: string, name: string, options: SaveFigureOptions = {}): Promise<SavedFigure> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`saveFigure: figure name "${name}" must be letters, digits, . _ -`);
  const html = join(dir, `${name}.html`);
  const title = String((fig.layout?.title as { text?: string } | undefined)?.text ?? name);
  const plotly = options.inline ? { inline: plotlyBundleText() } : { src: PLOTLY_BUNDLE };
  if (!options.inline) ensurePlotlyBundle(dir);
  writeFileAtomic(html, figureHtml(fig, title, plotly));
  if (options.noPng) return { name, html, png: null, pngSkipped: "noPng option" };
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    const reason = "no Chromium found (install Debian's chromium or set LOGLAB_CHROMIUM)";
    if (process.env.LOGLAB_REQUIRE_PNG === "1") throw new Error(`PNG export of ${name} failed: ${reason}`);
    if (!warned) process.stderr.write(`loglab: PNG figures skipped: ${reason}\n`);
    warned = true;
    return { name, html, png: null, pngSkipped: reason };
  }
  renderer ??= new PngRenderer(chromiumPath);
  const png = join(dir, `${name}.png`);
  await renderer.render(html, png, pngSize(fig, options));
  return { name, html, png };
}

/** Closes the shared headless browser (call at the end of a notebook or script). */
export async function closeFigureRenderer(): Promise<void> {
  const r = renderer;
  renderer = null;
  await r?.close();
}
