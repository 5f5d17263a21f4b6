import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { findChromium, PngRenderer } from "../../lib/plots/png.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-png-"));
const saved = process.env.LOGLAB_CHROMIUM;
const chromium = findChromium(); // before the tests below change LOGLAB_CHROMIUM
afterEach(() => {
  if (saved === undefined) delete process.env.LOGLAB_CHROMIUM;
  else process.env.LOGLAB_CHROMIUM = saved;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("findChromium", () => {
  it("LOGLAB_CHROMIUM wins when it exists, and gives null (no fallback) when it does not", () => {
    process.env.LOGLAB_CHROMIUM = process.execPath;
    expect(findChromium()).toBe(process.execPath);
    process.env.LOGLAB_CHROMIUM = join(dir, "no-such-browser");
    expect(findChromium()).toBeNull();
  });

  it("without it, one of the usual install paths or null", () => {
    delete process.env.LOGLAB_CHROMIUM;
    const found = findChromium();
    expect(found === null || ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"].includes(found)).toBe(true);
  });
});

describe("PngRenderer", () => {
  it("close() before any render does nothing", async () => {
    await new PngRenderer("/nonexistent/chromium").close();
  });

  it.skipIf(chromium === null)("waits for the page to be ready, asks Plotly for a PNG of the requested size and writes its bytes", async () => {
    // A stand-in page: Plotly.toImage answers with the size it was asked for, as base64.
    const html = join(dir, "fake.html");
    writeFileSync(
      html,
      `<!doctype html><html><body><div id="fig">figure</div><script>
        window.Plotly = { toImage: async (el, o) => "data:image/png;base64," + btoa(el + ":" + o.format + ":" + o.width + "x" + o.height) };
        setTimeout(() => { document.body.dataset.ready = "1"; }, 50);
      </script></body></html>`,
    );
    const r = new PngRenderer(chromium!);
    try {
      await r.render(html, join(dir, "out", "a.png"), { width: 320, height: 200 });
      await r.render(html, join(dir, "out", "b.png"), { width: 64, height: 48 }); // the same browser serves a second figure
    } finally {
      await r.close();
    }
    expect(readFileSync(join(dir, "out", "a.png"), "utf8")).toBe("fig:png:320x200");
    expect(readFileSync(join(dir, "out", "b.png"), "utf8")).toBe("fig:png:64x48");
  }, 60_000);
});
