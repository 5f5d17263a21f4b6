import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ERROR_KEYWORDS, KeywordDetector, keywordLineScores } from "../../../lib/models/classic/keyword-detector.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-keyword-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("KeywordDetector", () => {
  it("scores alarm keys plus keys never seen in normal training sessions, per key occurrence", async () => {
    const kw = new KeywordDetector({ alarmKeys: [9], flagUnseenKeys: true });
    const rep = await kw.fit({ sequences: [[1, 2], [2, 3], [4, 4]], labels: Uint8Array.of(0, 0, 1) });
    expect(rep).toMatchObject({ seenKeys: 3, alarmKeys: 1 }); // key 4 only in an anomalous session
    expect(Array.from(await kw.score({ sequences: [[1, 2, 3], [1, 9, 4, 4], [9, 9], []] }))).toEqual([0, 3, 2, 0]);
    expect(kw.intrinsicThreshold()).toBe(0);
    expect(kw.name).toBe("keyword");
    expect(kw.supervision).toBe("unsupervised");
  });

  it("flagUnseenKeys: false counts alarm keys only", async () => {
    const kw = new KeywordDetector({ alarmKeys: [5, 6], flagUnseenKeys: false });
    await kw.fit({ sequences: [[1]] });
    expect(Array.from(await kw.score({ sequences: [[5, 6, 7, 5]] }))).toEqual([3]);
  });

  it("saves the seen keys sorted and loads to the same scores; refuses folders that are not keyword models", async () => {
    const kw = new KeywordDetector({ alarmKeys: [], flagUnseenKeys: true });
    await kw.fit({ sequences: [[30, 2, 11]] });
    const dir = join(tmp, "kw");
    await kw.save(dir);
    const back = await KeywordDetector.load(dir);
    expect(back.params).toEqual(kw.params);
    expect(await back.score({ sequences: [[2, 4, 30]] })).toEqual(await kw.score({ sequences: [[2, 4, 30]] }));
    await expect(KeywordDetector.load(join(tmp, "none"))).rejects.toThrow(`${join(tmp, "none")}: no keyword-model.json (not a saved keyword model)`);
    const other = join(tmp, "other");
    await kw.save(other);
    writeFileSync(join(other, "keyword-model.json"), JSON.stringify({ format: "loglab.keyword", version: 2 }));
    await expect(KeywordDetector.load(other)).rejects.toThrow(/not a loglab keyword model v1/);
  });

  it("errors: bad alarm keys, nothing that could flag, use before fit", async () => {
    expect(() => new KeywordDetector({ alarmKeys: [1.5], flagUnseenKeys: true })).toThrow(/keyword: alarmKeys must be a list of non-negative integer keys, got \[1.5\]/);
    expect(() => new KeywordDetector({ alarmKeys: [-1], flagUnseenKeys: true })).toThrow(/alarmKeys/);
    expect(() => new KeywordDetector({ alarmKeys: [], flagUnseenKeys: false })).toThrow("keyword: give alarmKeys or set flagUnseenKeys, else nothing can be flagged");
    const kw = new KeywordDetector({ alarmKeys: [1], flagUnseenKeys: false });
    await expect(kw.score({ sequences: [[1]] })).rejects.toThrow("keyword: score before fit");
    await expect(kw.save(join(tmp, "x"))).rejects.toThrow("keyword: save before fit");
  });
});

describe("keywordLineScores", () => {
  it("counts whole error words, case-insensitively (the documented example)", () => {
    expect(Array.from(keywordLineScores(["INFO ok", "ERROR disk failed"]))).toEqual([0, 2]);
    // "failures" is not on the list ("failure" is); "terror" and "faileds" are not whole words.
    expect(Array.from(keywordLineScores(["errors: 0, failures: none", "terror faileds", "Connection refused; TIMEOUT"]))).toEqual([1, 0, 2]);
    expect(ERROR_KEYWORDS).toContain("exception");
  });

  it("custom words are literal text, not regular expressions", () => {
    expect(Array.from(keywordLineScores(["a.b axb", "abc c"], ["a.b", "c"]))).toEqual([1, 1]);
  });
});
