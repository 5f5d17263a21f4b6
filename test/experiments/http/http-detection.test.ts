import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disposeResults } from "../../../lib/experiments/detection/detection-experiment.js";
import { bestHttpRow, httpDetectors, httpRecallSeries, httpResultRows, httpTargetMet, runHttpExperiment, splitAccessLog, syntheticAccessLog, type HttpResultRow } from "../../../lib/experiments/http/http-detection.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-http-exp-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const row = (model: string, P: number, minR: number, F1: number): HttpResultRow => ({ model, P, R: minR, F1, "ROC-AUC": 1, "min recall per attack type": minR, "fit s": 0 }) as HttpResultRow;

describe("HTTP detection experiment", () => {
  it("a generated access log is written, read back with its labels and attack types, and split in time order", () => {
    const log = syntheticAccessLog(join(tmp, "a", "access.log"), { lines: 400, anomalyRatio: 0.1, seed: 3 });
    expect(log.labelSource).toBe("labels-csv");
    expect(log.requests.length).toBe(400);
    expect(log.labels!.reduce((a, b) => a + b, 0)).toBe(40);
    const split = splitAccessLog(log);
    expect(split.sizes).toEqual({ train: 240, validation: 80, test: 80 });
    expect(split.testAttackTypes.length).toBe(80);
  });

  it("the target needs precision and every attack type's recall at 0.9; the best row prefers one meeting it", () => {
    expect(httpTargetMet(row("a", 0.95, 0.92, 0.9))).toBe(true);
    expect(httpTargetMet(row("a", 0.85, 0.99, 0.9))).toBe(false);
    expect(httpTargetMet(row("a", 0.99, 0.5, 0.9))).toBe(false);
    expect(bestHttpRow([row("a", 0.99, 0.5, 0.95), row("b", 0.91, 0.91, 0.9)]).model).toBe("b");
    expect(bestHttpRow([row("a", 0.99, 0.5, 0.95), row("b", 0.5, 0.95, 0.6)]).model).toBe("a");
  });

  it("runs a detector and reports recall per attack type at the validation threshold", async () => {
    const log = syntheticAccessLog(join(tmp, "b", "access.log"), { lines: 600, anomalyRatio: 0.1, seed: 4 });
    const split = splitAccessLog(log);
    const models = httpDetectors({ epochs: 5, lstmMaxLength: 8, lstmHidden: 8 }).filter((m) => m.model === "dense-ae" || m.model === "iforest");
    const results = await runHttpExperiment(split, models, 1);
    const rows = httpResultRows(results, split);
    disposeResults(results);
    expect(rows.map((r) => r.model)).toEqual(["dense-ae", "iforest (unlabelled)"]);
    const types = new Set(split.testAttackTypes.filter((t) => t));
    for (const r of rows) for (const t of types) expect(r[`R ${t}`]).toBeGreaterThanOrEqual(0);
    const series = httpRecallSeries(rows);
    expect(series.categories).toEqual([...types].sort());
    expect(series.series.length).toBe(2);
    expect(series.series[0]!.values).toEqual(series.categories.map((t) => rows[0]![`R ${t}`]));
  });
});
