import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { writeFileAtomic } from "../io/atomic-write.js";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The Chromium executable used for PNG export: `LOGLAB_CHROMIUM`, else the first of the usual paths. */
export function findChromium(): string | null {
  const env = process.env.LOGLAB_CHROMIUM;
  if (env) return existsSync(env) ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

// Flags from STACK-NOTES: this machine has no network, so background networking is switched off.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Renders saved figure pages to PNG with headless Chromium. One browser serves many figures
 * (a launch costs seconds); call {@link PngRenderer.close} when done.
 */
export class PngRenderer {
  private context: Promise<BrowserContext> | null = null;
  private profileDir: string | null = null;

  constructor(private readonly executablePath: string) {}

  private open(): Promise<BrowserContext> {
    if (!this.context) {
      this.profileDir = mkdtempSync(join(tmpdir(), "loglab-chromium-"));
      this.context = chromium.launchPersistentContext(this.profileDir, {
        executablePath: this.executablePath,
        args: CHROMIUM_ARGS,
        headless: true,
      });
    }
    return this.context;
  }

  /** Opens `htmlPath`, waits for Plotly to draw, and writes the figure as a PNG of the given size. */
  async render(htmlPath: string, pngPath: string, size: { width: number; height: number }): Promise<void> {
    const context = await this.open();
    const page = await context.newPage();
    try {
      await page.setViewportSize(size);
      await page.goto(pathToFileURL(htmlPath).href);
      await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
      const dataUrl = await page.evaluate(
        ({ width, height }) =>
          (globalThis as unknown as { Plotly: { toImage(el: string, o: object): Promise<string> } }).Plotly.toImage("fig", {
            format: "png",
            width,
            height,
          }),
        size,
      );
      const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
      writeFileAtomic(pngPath, Buffer.from(base64, "base64"));
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    if (this.context) {
      const ctx = await this.context.catch(() => null);
      await ctx?.close().catch(() => undefined);
      this.context = null;
    }
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true });
    this.profileDir = null;
  }
}
