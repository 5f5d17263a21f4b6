import { describe, expect, expectTypeOf, it } from "vitest";
import { defineEntry, type DetectorEntry } from "../../lib/models/define-entry.js";
import { KeywordDetector } from "../../lib/models/classic/keyword-detector.js";

const base = {
  description: "test entry: the keyword baseline",
  family: "classic" as const,
  defaults: { alarmKeys: [1], flagUnseenKeys: true },
  create: (p: { alarmKeys: number[]; flagUnseenKeys: boolean }) => new KeywordDetector(p),
  load: (dir: string) => KeywordDetector.load(dir),
};

describe("defineEntry", () => {
  it("returns the entry itself, typed by its parameters and its detector", () => {
    const entry = { ...base, supervision: "unsupervised" as const, fitSet: "normals" as const };
    const e = defineEntry(entry);
    expect(e).toBe(entry);
    expectTypeOf(e).toEqualTypeOf<DetectorEntry<{ alarmKeys: number[]; flagUnseenKeys: boolean }, KeywordDetector>>();
    expect(e.create(e.defaults, { rng: undefined as never }).name).toBe("keyword");
  });

  it("rejects a fit set that contradicts the supervision", () => {
    expect(() => defineEntry({ ...base, supervision: "supervised", fitSet: "normals" })).toThrow(/a supervised model cannot fit on "normals" sessions/);
    expect(() => defineEntry({ ...base, supervision: "semi-supervised", fitSet: "unlabelled" })).toThrow(/semi-supervised model cannot fit on "unlabelled"/);
    expect(() => defineEntry({ ...base, supervision: "unsupervised", fitSet: "labelled" })).toThrow(/unsupervised model cannot fit on "labelled"/);
    expect(defineEntry({ ...base, supervision: "unsupervised", fitSet: "unlabelled" }).fitSet).toBe("unlabelled");
  });
});
