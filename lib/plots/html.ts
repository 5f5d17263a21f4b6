import { copyFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Figure } from "./figure.js";

/** File name of the Plotly bundle copied beside saved figures. */
export const PLOTLY_BUNDLE = "plotly.min.js";

function plotlyBundlePath(): string {
  const req = createRequire(join(process.cwd(), "noop.js"));
  return join(req.resolve("plotly.js-dist-min/package.json"), "..", PLOTLY_BUNDLE);
}

/**
 * Copies the Plotly bundle into `dir` once (4.8 MB; one copy per figures folder instead of one
 * per HTML file keeps results/ small while every figure still opens offline).
 */
export function ensurePlotlyBundle(dir: string): string {
  const target = join(dir, PLOTLY_BUNDLE);
  const source = plotlyBundlePath();
  if (!existsSync(target) || statSync(target).size !== statSync(source).size) copyFileSync(source, target);
  return target;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Serialises JSON for an inline <script>, so "</script>" inside strings cannot end the tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * The HTML page for a figure. `plotlySrc` is either a relative path to the bundle (default,
 * shared copy beside the file) or the bundle's text itself (`inline`, a single-file page).
 */
export function figureHtml(fig: Figure, title: string, plotly: { src: string } | { inline: string }): string {
  const script = "src" in plotly ? `<script src="${plotly.src}"></script>` : `<script>${plotly.inline}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${script}
<style>html,body{margin:0;background:#fff}#fig{width:100vw;height:100vh}</style>
</head>
<body>
<div id="fig"></div>
<script>
const figure = ${scriptJson(fig)};
Plotly.newPlot("fig", figure.data, figure.layout || {}, figure.config || {}).then(function () {
  document.body.setAttribute("data-ready", "1");
});
</script>
</body>
</html>
`;
}

/** Reads the Plotly bundle's text (for single-file pages). */
export function plotlyBundleText(): string {
  return readFileSync(plotlyBundlePath(), "utf8");
}
