import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium } from "../../lib/plots/png.js";
import { dataPath, resultsPath } from "../../lib/runtime/project.js";
import { buildServer } from "../../lib/serve/server.js";
import { loadServedModels, type ServedModels } from "../../lib/serve/served-models.js";
import { resolveServeLimits } from "../../lib/serve/serve-options.js";

// The web page of `loglab serve` in a real headless Chromium (Debian's, driven by playwright-core).
// Without a Chromium the test is skipped, unless LOGLAB_REQUIRE_PNG=1 (CI), where that is an error.
const executable = findChromium();
if (!executable && process.env.LOGLAB_REQUIRE_PNG === "1") throw new Error("LOGLAB_REQUIRE_PNG=1 but no Chromium was found (set LOGLAB_CHROMIUM or install Debian's chromium)");

/** Screenshot, downloads and a summary go here (results/e2e-serve-page, or under LOGLAB_RESULTS_DIR). */
const OUT = resultsPath("e2e-serve-page");
const UPLOAD = dataPath("loghub-2k", "OpenSSH", "OpenSSH_2k.log");

describe.skipIf(!executable)("the web page in a real browser", () => {
  let models: ServedModels;
  let app: FastifyInstance;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const messages: string[] = [];

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    // An empty models folder: the server trains the classic model first (here on a part of the shipped data, to keep the test short).
    const modelsDir = mkdtempSync(join(tmpdir(), "loglab-page-models-"));
    models = await loadServedModels(modelsDir, { trainOptions: { systems: ["OpenSSH", "HDFS", "Linux", "Apache", "BGL"], maxLinesPerSystem: 500, cGrid: [1] }, onMessage: (m) => messages.push(m) });
    app = await buildServer(models, { limits: resolveServeLimits(), corsOrigins: [] });
    url = await app.listen({ host: "127.0.0.1", port: 0 });
    profile = mkdtempSync(join(tmpdir(), "loglab-page-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: executable!,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1400, height: 1100 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await app?.close();
    models?.dispose();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("trained the missing classic model first and said so", () => {
    expect(messages.join("\n")).toMatch(/no 7-class model in .*classifier-ml: training the classic one/);
    expect(messages.join("\n")).toMatch(/trained in .* s and saved to/);
  });

  it("uploads a shipped log, analyses it with the picked model, and shows rows, highlights, charts and exports", async () => {
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => (m.type() === "error" ? pageErrors.push(m.text()) : undefined));
    await page.goto(url);
    await page.waitForFunction(() => (document.getElementById("model") as HTMLSelectElement).options.length === 4);
    // Not-loaded BERT variants are listed but cannot be picked.
    expect(await page.$$eval("#model option", (os) => os.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).disabled]))).toEqual([["ml", false], ["dann", true], ["lora", true], ["hybrid", true]]);
    await page.selectOption("#model", "ml");

    await page.setInputFiles("#file", UPLOAD);
    await page.waitForFunction(() => (document.getElementById("logs") as HTMLTextAreaElement).value.length > 100_000);
    await page.click("#analyze");
    await page.waitForFunction(() => /^2000 lines in/.test(document.getElementById("progress")!.textContent ?? ""), undefined, { timeout: 120_000 });

    // Table: one row per non-blank line; anomalous rows highlighted.
    expect(await page.$$eval("#results tbody tr", (r) => r.length)).toBe(2000);
    const classes = await page.$$eval("#results tbody tr", (rows) => rows.map((r) => [r.className, r.children[2]!.textContent]));
    expect(classes.filter(([, c]) => c !== "normal").length).toBeGreaterThan(0);
    for (const [cls, name] of classes) expect(cls === "anomaly").toBe(name !== "normal");
    expect(await page.$eval("#results tbody tr td:nth-child(2)", (td) => td.textContent)).toMatch(/^(OpenSSH|Linux)$/);

    // Charts: Plotly drew one bar per class and per log type.
    await page.waitForSelector("#chart-classes .main-svg");
    const distinctClasses = new Set(classes.map(([, c]) => c)).size;
    expect(await page.$$eval("#chart-classes .bars .point", (p) => p.length)).toBe(distinctClasses);
    expect(await page.$$eval("#chart-types .bars .point", (p) => p.length)).toBeGreaterThan(0);

    // Filter and sort.
    await page.check("#anomalies-only");
    const anomalies = classes.filter(([, c]) => c !== "normal").length;
    expect(await page.$$eval("#results tbody tr", (r) => r.length)).toBe(anomalies);
    await page.uncheck("#anomalies-only");
    await page.fill("#filter", "Invalid user");
    const filtered = await page.$$eval("#results tbody tr td:nth-child(6)", (tds) => tds.map((t) => t.textContent ?? ""));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(2000);
    expect(filtered.every((t) => t.toLowerCase().includes("invalid user"))).toBe(true);
    await page.fill("#filter", "");
    await page.click('#results th[data-key="confidence"]');
    await page.click('#results th[data-key="confidence"]');
    const conf = await page.$$eval("#results tbody tr td:nth-child(4)", (tds) => tds.map((t) => Number(t.textContent)));
    expect(conf).toEqual([...conf].sort((a, b) => b - a));

    await page.screenshot({ path: join(OUT, "serve-page.png"), fullPage: false });

    // Exports: JSON and CSV downloads with every row.
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
    await json.saveAs(join(OUT, "loglab-results.json"));
    const exported = JSON.parse(readFileSync(join(OUT, "loglab-results.json"), "utf8"));
    expect(exported.rows).toHaveLength(2000);
    expect(exported.model.model_type).toBe("ML");
    expect(exported.rows[0]).toMatchObject({ line: 1, raw: readFileSync(UPLOAD, "utf8").split(/\r?\n/)[0] });
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    await csv.saveAs(join(OUT, "loglab-results.csv"));
    const csvLines = readFileSync(join(OUT, "loglab-results.csv"), "utf8").trim().split("\n");
    expect(csvLines[0]).toBe("line,log_type,class_name,class_index,confidence,template,raw");
    expect(csvLines).toHaveLength(2001);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it("takes a file dropped on the text box, and pasted text", async () => {
    await page.fill("#filter", "");
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating\n"], "dropped.log", { type: "text/plain" }));
      document.getElementById("drop")!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => (document.getElementById("logs") as HTMLTextAreaElement).value.startsWith("081109"));
    await page.click("#analyze");
    await page.waitForFunction(() => /^1 lines in/.test(document.getElementById("progress")!.textContent ?? ""));
    expect(await page.$$eval("#results tbody tr td:nth-child(2)", (t) => t.map((x) => x.textContent))).toEqual(["HDFS"]);
    await page.fill("#logs", "<img src=x onerror=alert(1)> Failed password for root from 1.2.3.4 port 22 ssh2");
    await page.click("#analyze");
    await page.waitForFunction(() => /^1 lines in/.test(document.getElementById("progress")!.textContent ?? "") && document.querySelector("#results tbody td:nth-child(6)")?.textContent?.startsWith("<img"));
    expect(await page.$$eval("#results img", (i) => i.length)).toBe(0); // log text is shown as text, never as HTML
  }, 120_000);
});
