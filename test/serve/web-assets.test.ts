import { describe, expect, it } from "vitest";
import { loadWebAssets } from "../../lib/serve/web-assets.js";

describe("web assets", () => {
  it("hold the page, its script and style, and the installed Plotly bundle (offline), under fixed URLs only", () => {
    const a = loadWebAssets();
    expect([...a.keys()].sort()).toEqual(["/", "/app.js", "/plotly.min.js", "/style.css"]);
    expect(a.get("/")!.body.toString()).toContain('src="/app.js"');
    expect(a.get("/")!.body.toString()).not.toMatch(/https?:\/\//); // nothing loaded from the network
    expect(a.get("/plotly.min.js")!.body.toString().slice(0, 2000)).toMatch(/plotly/i);
  });
  it("name a missing page file", () => {
    expect(() => loadWebAssets("/no/such/web")).toThrow(/web page file \/no\/such\/web\/index.html cannot be read/);
  });
});
