import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClassicLineScorer, lineFeatureWords, wordCountRow } from "../../lib/classify/classic-line-scorer.js";
import { smallTraining } from "./classify-fixtures.js";

describe("ClassicLineScorer", () => {
  it("counts template words in their columns and the rest in the last one", () => {
    const column = new Map([["failed", 0], ["password", 1]]);
    expect(Array.from(wordCountRow(column, 2, "Failed password for <*> from <*> port <*> ssh2"))).toEqual([1, 1, 4]);
    expect(lineFeatureWords("addStoredBlock: <*> 42 ok")).toEqual(["add", "stored", "block", "ok"]);
  });
  it("gives probability rows that sum to 1, the same with and without the template cache", () => {
    const s = smallTraining().classifier.scorer as ClassicLineScorer;
    const templates = ["Failed password for <*> from <*> port <*> ssh2", "PacketResponder <*> for block <*> terminating", "Failed password for <*> from <*> port <*> ssh2", "something never seen"];
    const cached = s.probabilitiesOf(templates);
    const uncached = new ClassicLineScorer(s.words, s.transform, s.classifier, 0).probabilitiesOf(templates);
    expect(cached).toEqual(uncached);
    for (const p of cached) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(cached[0]).toEqual(cached[2]);
    cached[0]![0] = 99; // callers get copies
    expect(s.probabilitiesOf([templates[0]!])[0]![0]).not.toBe(99);
  });
  it("saves and loads to the same probabilities", async () => {
    const s = smallTraining().classifier.scorer as ClassicLineScorer;
    const dir = mkdtempSync(join(tmpdir(), "loglab-scorer-"));
    await s.save(dir);
    const back = ClassicLineScorer.load(dir);
    const t = ["Invalid user <*> from <*>", "Connection closed by <*> [preauth]"];
    expect(back.probabilitiesOf(t)).toEqual(s.probabilitiesOf(t));
    expect(() => ClassicLineScorer.load(tmpdir() + "/no-such-loglab-dir")).toThrow(/classic-model.json: missing/);
    expect(() => ClassicLineScorer.fromJSON({ format: "x" } as never)).toThrow(/not a loglab classic line model/);
  });
});
