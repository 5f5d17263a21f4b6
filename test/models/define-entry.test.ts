import { describe, expect, expectTypeOf, it } from "vitest";
import { defineEntry, type DetectorEntry } from "../../lib/models/define-entry.js";
import { KeywordDetector } from "../../lib/models/classic/keyword-detector.js";

describe("defineEntry", () => {
  it("returns the entry itself, typed by its parameters", () => {
    const entry = {
      description: "test entry",
      supervision: "unsupervised" as const,
      defaults: { alarmKeys: [1], flagUnseenKeys: true },
      create: (p: { alarmKeys: number[]; flagUnseenKeys: boolean }) => new KeywordDetector(p),
      load: (dir: string) => KeywordDetector.load(dir),
    };
    const e = defineEntry(entry);
    expect(e).toBe(entry);
    expectTypeOf(e).toEqualTypeOf<DetectorEntry<{ alarmKeys: number[]; flagUnseenKeys: boolean }>>();
    expect(e.create(e.defaults, { rng: undefined as never }).name).toBe("keyword");
  });
});
