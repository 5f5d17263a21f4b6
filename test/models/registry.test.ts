import { describe, expect, it } from "vitest";
import { autoencoderEntries } from "../../lib/models/autoencoder/entries.js";
import { classicEntries } from "../../lib/models/classic/entries.js";
import { createDetector, defaultParams, defineEntry, describeModels, detectorRegistry, loadDetector, modelNames } from "../../lib/models/registry.js";
import { sequenceEntries } from "../../lib/models/sequence/entries.js";
import { Rng } from "../../lib/runtime/rng.js";

describe("detector registry", () => {
  it("holds every family's entries, classic first, with unique names", () => {
    const names = modelNames();
    expect(names).toEqual([...Object.keys(classicEntries), ...Object.keys(sequenceEntries), ...Object.keys(autoencoderEntries)]);
    expect(new Set(names).size).toBe(names.length);
    for (const n of ["pca", "deeplog", "lstm", "dense-ae", "iforest-2ae"]) expect(names).toContain(n);
    expect(detectorRegistry.pca).toBe(classicEntries.pca);
  });

  it("re-exports defineEntry", () => {
    expect(typeof defineEntry).toBe("function");
  });

  it("describeModels gives name, supervision and a description for each model", () => {
    const d = describeModels();
    expect(d.map((m) => m.name)).toEqual(modelNames());
    for (const m of d) {
      expect(["unsupervised", "semi-supervised", "supervised"]).toContain(m.supervision);
      expect(m.description.length, m.name).toBeGreaterThan(20);
    }
    expect(d.find((m) => m.name === "decision-tree")!.supervision).toBe("supervised");
  });

  it("defaultParams is a copy of the model's defaults", () => {
    const p = defaultParams("pca") as Record<string, unknown>;
    expect(p).toEqual(classicEntries.pca.defaults);
    p.nComponents = 99;
    expect(classicEntries.pca.defaults.nComponents).toBe(0.95);
  });

  it("createDetector merges given parameters into the defaults and names unknown ones and the source", () => {
    const d = createDetector("keyword", { alarmKeys: [3] }, { rng: new Rng(1) }) as unknown as { params: { alarmKeys: number[]; flagUnseenKeys: boolean }; name: string };
    expect(d.name).toBe("keyword");
    expect(d.params).toEqual({ alarmKeys: [3], flagUnseenKeys: true });
    expect(() => createDetector("keyword", { alarmKey: [3] }, { rng: new Rng(1) })).toThrow(/unknown setting "alarmKey"/);
    expect(() => createDetector("keyword", { alarmKey: [3] }, { rng: new Rng(1) }, "my.json")).toThrow(/my\.json/);
  });

  it("an unknown name lists the known models (create, load and defaults)", async () => {
    const msg = `Unknown model "svdd". Known models: ${modelNames().join(", ")}`;
    expect(() => createDetector("svdd" as never, {}, { rng: new Rng(1) })).toThrow(msg);
    expect(() => defaultParams("svdd")).toThrow(msg);
    expect(() => loadDetector("svdd", "/tmp")).toThrow(msg);
  });
});
