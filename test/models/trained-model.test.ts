import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { damaged } from "../io/damage.js";
import { createDetector } from "../../lib/models/registry.js";
import { folderChecksums } from "../../lib/io/folder-checksums.js";
import { Rng } from "../../lib/runtime/rng.js";
import { cycleSessions } from "./sequence/model-fixtures.js";
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
    expect(c).toEqual({ ...card({ vocabulary: [1, 2, 3], thresholdSource: { kind: "fixed", threshold: 0 } }), version: 2, files: { "keyword-model.json": expect.stringMatching(/^[0-9a-f]{64}$/) }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(detector.name).toBe("keyword");
    expect(Array.from(await detector.score({ sequences: [[1, 9, 7]] }))).toEqual(Array.from(await kw.score({ sequences: [[1, 9, 7]] })));
  });

  it("never replaces a folder holding other files; replaces an earlier model whole; a failed save leaves the old folder and no stray files", async () => {
    const mine = join(tmp, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "old.txt"), "x");
    await expect(saveTrainedDetector(mine, await fittedKeyword(), card())).rejects.toThrow(/mine already holds files this writer did not make \(old\.txt\); nothing was changed/);
    expect(readdirSync(mine)).toEqual(["old.txt"]);
    const dir = join(tmp, "replace");
    await saveTrainedDetector(dir, await fittedKeyword(), card({ seed: 7 }));
    await saveTrainedDetector(dir, await fittedKeyword(), card());
    expect(readModelCard(dir).seed).toBe(1);
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
    writeFileSync(path, JSON.stringify({ ...card(), version: 3 }));
    expect(() => readModelCard(dir)).toThrow(`${path}: version 3 is not supported (this loglab reads versions 1 and 2)`);
  });

  // Issue 10, case 4: every file of a model folder is checked against the SHA-256 its card recorded.
  it("detects a changed detector file, an edited card, a missing file and an ill-typed field, naming the file", async () => {
    const dir = join(tmp, "checked");
    await saveTrainedDetector(dir, await fittedKeyword(), card());
    const model = join(dir, "keyword-model.json");
    const original = readFileSync(model, "utf8");
    writeFileSync(model, original.replace("9", "8"));
    expect(() => readModelCard(dir)).toThrow(new RegExp(`keyword-model\\.json: checksum mismatch \\(.*loglab-model\\.json records`));
    rmSync(model);
    expect(() => readModelCard(dir)).toThrow(/keyword-model\.json is missing \(.*loglab-model\.json lists it\)/);
    writeFileSync(model, original);
    const path = join(dir, MODEL_CARD);
    const sealed = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...sealed, threshold: 0.5 }));
    expect(() => readModelCard(dir)).toThrow(/loglab-model\.json: checksum mismatch/);
    writeFileSync(path, JSON.stringify({ ...sealed, threshold: "0" }));
    expect(() => readModelCard(dir)).toThrow(/loglab-model\.json: threshold must be a finite number, got "0"/);
    writeFileSync(path, JSON.stringify({ ...sealed, files: undefined }));
    expect(() => readModelCard(dir)).toThrow(/files \(the checksum of every file of the model\) is missing/);
  });

  it("still reads version-1 cards (written before checksums), checking their fields", async () => {
    const dir = join(tmp, "v1");
    mkdirSync(dir);
    const kw = await fittedKeyword();
    await kw.save(dir);
    writeFileSync(join(dir, MODEL_CARD), JSON.stringify(card()));
    expect((await loadTrainedDetector(dir)).card.version).toBe(1);
  });

  it("a card naming an unknown model fails to load with the registry's message", async () => {
    const dir = join(tmp, "unknown");
    mkdirSync(dir);
    writeFileSync(join(dir, MODEL_CARD), JSON.stringify(card({ name: "svdd" })));
    await expect(loadTrainedDetector(dir)).rejects.toThrow(/Unknown model "svdd"/);
  });
});

// Issue 10: random bit flips (and truncations, random bytes) in any file of a saved model are detected.
describe("damaged model folders (property)", () => {
  for (const [name, params] of [["dense-ae", { epochs: 2, hidden: [8], latentDim: 2 }], ["pca", {}]] as const) {
    it(`${name}: every damage to any file is an error naming a file, or leaves the scores unchanged`, async () => {
      const dir = join(tmp, `flip-${name}`);
      const d = createDetector(name, params as never, { rng: new Rng(3) });
      const train = { sequences: cycleSessions(40, 1) };
      await d.fit(train, { sequences: cycleSessions(6, 2) });
      const probe = { sequences: cycleSessions(5, 9) };
      const want = Array.from(await d.score(probe));
      await saveTrainedDetector(dir, d, card({ name, params: {}, vocabulary: undefined }));
      d.dispose();
      const files = [...Object.keys(folderChecksums(dir)), MODEL_CARD].filter((f, i, a) => a.indexOf(f) === i).sort();
      const original = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
      let detected = 0;
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...files),
          fc.oneof(fc.record({ flip: fc.nat() }), fc.record({ cut: fc.nat() }), fc.record({ random: fc.uint8Array({ maxLength: 64 }) })),
          async (file, dmg) => {
            runs++;
            for (const [f, b] of original) writeFileSync(join(dir, f), b);
            const bytes = original.get(file)!;
            const damage = "flip" in dmg ? { flip: dmg.flip % (bytes.length * 8) } : "cut" in dmg ? { cut: dmg.cut % bytes.length } : dmg;
            writeFileSync(join(dir, file), damaged(bytes, damage));
            let loaded;
            try {
              loaded = await loadTrainedDetector(dir);
            } catch (err) {
              detected++;
              expect((err as Error).message).toMatch(new RegExp(`(${files.map((f) => f.split("/").pop()!.replace(/[.]/g, "\\.")).join("|")})`));
              return;
            }
            expect(Array.from(await loaded.detector.score(probe))).toEqual(want);
            loaded.detector.dispose();
          },
        ),
        { numRuns: 150, seed: 17 },
      );
      for (const [f, b] of original) writeFileSync(join(dir, f), b);
      expect(detected).toBeGreaterThan(runs * 0.9);
    }, 120_000);
  }
});
