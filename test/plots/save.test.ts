import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeFigureRenderer, pngSize, saveFigure } from "../../lib/plots/save.js";
import { findChromium } from "../../lib/plots/png.js";
import { styled } from "../../lib/plots/figure.js";

const dir = mkdtempSync(join(tmpdir(), "fig-"));
afterAll(async () => {
  await closeFigureRenderer();
  rmSync(dir, { recursive: true, force: true });
});

describe("saveFigure", () => {
  it("writes HTML and, with Chromium present, a PNG of the requested size", async () => {
    const fig = styled({ data: [{ type: "scatter", x: [1, 2, 3], y: [3, 1, 2] }] }, "test figure");
    const saved = await saveFigure(fig, dir, "line", { width: 400, height: 300 });
    expect(readFileSync(saved.html, "utf8")).toContain("test figure");
    expect(existsSync(join(dir, "plotly.min.js"))).toBe(true);
    if (!findChromium()) {
      expect(saved.png).toBeNull();
      return;
    }
    const png = readFileSync(saved.png!);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // IHDR width and height, big-endian at bytes 16..23.
    expect(png.readUInt32BE(16)).toBe(400);
    expect(png.readUInt32BE(20)).toBe(300);
  }, 60_000);

  it("rejects unsafe names", async () => {
    await expect(saveFigure({ data: [] }, dir, "../x")).rejects.toThrow(/must be letters/);
  });
});

describe("pngSize", () => {
  it("the caller's size wins, then the figure's own layout size, then 900 × 520", () => {
    const tall = { data: [], layout: { height: 1000 } };
    expect(pngSize(tall)).toEqual({ width: 900, height: 1000 });
    expect(pngSize(tall, { height: 300 })).toEqual({ width: 900, height: 300 });
    expect(pngSize({ data: [], layout: { width: 1200, height: "x" } })).toEqual({ width: 1200, height: 520 });
    expect(pngSize({ data: [] })).toEqual({ width: 900, height: 520 });
  });
});
