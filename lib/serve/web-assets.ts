import { readFileSync } from "node:fs";
import { join } from "node:path";
import { plotlyBundleText } from "../plots/html.js";
import { projectRoot } from "../runtime/project.js";

/** One file the page needs, held in memory. */
export interface WebAsset {
  body: Buffer;
  contentType: string;
}

/** The page's files: `web/` of the project (plain HTML, JS, CSS) and the installed Plotly bundle. */
const FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

/**
 * Reads the page's files once. A fixed table of URL → file (no path from the request reaches the
 * file system), and Plotly from `plotly.js-dist-min` in node_modules, so the page works offline.
 */
export function loadWebAssets(dir: string = join(projectRoot(), "web")): Map<string, WebAsset> {
  const out = new Map<string, WebAsset>();
  for (const [url, f] of Object.entries(FILES)) {
    const path = join(dir, f.file);
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch (err) {
      throw new Error(`web page file ${path} cannot be read (${(err as Error).message})`);
    }
    out.set(url, { body, contentType: f.type });
  }
  out.set("/plotly.min.js", { body: Buffer.from(plotlyBundleText(), "utf8"), contentType: "text/javascript; charset=utf-8" });
  return out;
}
