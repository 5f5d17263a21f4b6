import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensurePlotlyBundle, figureHtml } from "../../lib/plots/html.js";

describe("figureHtml", () => {
  it("embeds the figure JSON safely and loads the shared bundle", () => {
    const html = figureHtml({ data: [{ type: "bar", x: ["</script><b>"], y: [1] }] }, "T <1>", { src: "plotly.min.js" });
    expect(html).toContain('<script src="plotly.min.js"></script>');
    expect(html).toContain("<title>T &lt;1&gt;</title>");
    expect(html).not.toContain("</script><b>");
    expect(html).toContain("\\u003c/script>");
  });
  it("copies the Plotly bundle once", () => {
    const d = mkdtempSync(join(tmpdir(), "plotly-"));
    const p = ensurePlotlyBundle(d);
    expect(existsSync(p)).toBe(true);
    expect(statSync(p).size).toBeGreaterThan(1_000_000);
    rmSync(d, { recursive: true });
  });
});
