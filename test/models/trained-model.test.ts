import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KeywordDetector } from "../../lib/models/classic/keyword-detector.js";
import { loadTrainedDetector, MODEL_CARD, readModelCard, saveTrainedDetector, type ModelCard } from "../../lib/models/trained-model.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-trained-model-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const card = (extra: Partial<ModelCard> = {}): ModelCard => ({
  format: "loglab.model",
  version: 1,
  name: "keyword",
  params: { alarmKeys: [9], flagUnseenKeys: true },
  threshold: 0,
  thresholdPolicy: { kind: "fixed", threshold: 0 },
  validation: null,
  seed: 1,
  trainedAt: "2026-01-01T00:00:00.000Z",
  training: { files: ["normal"], sessions: 2, normal: 2, abnormal: 0, validationSessions: 0 },
  fit: { seconds: 0 },
  ...extra,
});

async function fittedKeyword(): Promise<KeywordDetector> {
  const kw = new KeywordDetector({ alarmKeys: [9], flagUnseenKeys: true });
  await kw.fit({ sequences: [[1, 2], [2, 3]] });
  return kw;
}

describe("trained model folders", () => {
  it("save writes the detector's files and the card as one folder; load gives both back with the same scores", async () => {
    const dir = join(tmp, "kw");
    const kw = await fittedKeyword();
    await saveTrainedDetector(dir, kw, card({ vocabulary: [1, 2, 3], thresholdSource: { kind: "fixed", threshold: 0 } }));
    expect(readdirSync(dir).sort()).toEqual(["keyword-model.json", MODEL_CARD].sort());
    const { detector, card: c } = await loadTrainedDetector(dir);
    expect(c).toEqual(card({ vocabulary: [1, 2, 3], thresholdSource: { kind: "fixed", threshold: 0 } }));
    expect(detector.name).toBe("keyword");
    expect(Array.from(await detector.score({ sequences: [[1, 9, 7]] }))).toEqual(Array.from(await kw.score({ sequences: [[1, 9, 7]] })));
  });

  it("saving over a folder replaces it whole; a failed save leaves the old folder and no stray files", async () => {
    const dir = join(tmp, "replace");
    mkdirSync(dir);
    writeFileSync(join(dir, "old.txt"), "x");
    await saveTrainedDetector(dir, await fittedKeyword(), card());
    expect(existsSync(join(dir, "old.txt"))).toBe(false);
    const unfitted = new KeywordDetector({ alarmKeys: [1], flagUnseenKeys: false });
    await expect(saveTrainedDetector(dir, unfitted, card())).rejects.toThrow("keyword: save before fit");
    expect(readModelCard(dir).name).toBe("keyword");
    expect(readdirSync(tmp).filter((f) => f.includes("replace"))).toEqual(["replace"]);
  });

  it("readModelCard explains a missing, corrupt, foreign or newer card, naming the path", () => {
    const dir = join(tmp, "cards");
    mkdirSync(dir, { recursive: true });
    expect(() => readModelCard(dir)).toThrow(`${dir} is not a loglab model folder: ${MODEL_CARD} is missing`);
    const path = join(dir, MODEL_CARD);
    writeFileSync(path, "{oops");
    expect(() => readModelCard(dir)).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: not valid JSON`));
    writeFileSync(path, JSON.stringify({ ...card(), format: "drain" }));
    expect(() => readModelCard(dir)).toThrow(`${path}: format is "drain", expected "loglab.model"`);
    writeFileSync(path, JSON.stringify({ ...card(), version: 2 }));
    expect(() => readModelCard(dir)).toThrow(`${path}: version 2 is not supported (this loglab reads version 1)`);
  });

  it("a card naming an unknown model fails to load with the registry's message", async () => {
    const dir = join(tmp, "unknown");
    mkdirSync(dir);
    writeFileSync(join(dir, MODEL_CARD), JSON.stringify(card({ name: "svdd" })));
    await expect(loadTrainedDetector(dir)).rejects.toThrow(/Unknown model "svdd"/);
  });
});
