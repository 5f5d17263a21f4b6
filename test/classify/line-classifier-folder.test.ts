import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLineClassifier, readLineClassifierCard, saveLineClassifier } from "../../lib/classify/line-classifier-folder.js";
import { loghubLines, smallTraining } from "./classify-fixtures.js";

describe("line-classifier folders", () => {
  it("save and load give the same classifications", async () => {
    const c = smallTraining().classifier;
    const dir = join(mkdtempSync(join(tmpdir(), "loglab-lc-")), "m");
    await saveLineClassifier(dir, c);
    const back = await loadLineClassifier(dir);
    const lines = [...loghubLines("OpenSSH", 30, 500), ...loghubLines("Apache", 10, 900), "a line in no format 123"];
    expect(await back.classify(lines)).toEqual(await c.classify(lines));
    expect(back.card).toEqual(c.card);
  });
  it("says why a folder cannot be loaded: no card, a kind without a loader, a bad card", async () => {
    const root = mkdtempSync(join(tmpdir(), "loglab-lc-"));
    await expect(loadLineClassifier(root)).rejects.toThrow(/loglab-classifier.json is missing/);
    const bert = join(root, "bert");
    mkdirSync(bert);
    writeFileSync(join(bert, "loglab-classifier.json"), JSON.stringify({ format: "loglab.line-classifier", version: 1, kind: "bert", name: "bert-dann", classes: ["a", "b"] }));
    await expect(loadLineClassifier(bert)).rejects.toThrow(/no loader for line-classifier kind "bert"/);
    writeFileSync(join(bert, "loglab-classifier.json"), "{not json");
    expect(() => readLineClassifierCard(bert)).toThrow(/not valid JSON/);
    writeFileSync(join(bert, "loglab-classifier.json"), JSON.stringify({ format: "loglab.line-classifier", version: 3 }));
    expect(() => readLineClassifierCard(bert)).toThrow(/version 3 is not supported/);
  });
});
