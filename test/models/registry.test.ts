import { describe, expect, expectTypeOf, it } from "vitest";
import { autoencoderEntries } from "../../lib/models/autoencoder/entries.js";
import { bertEntries } from "../../lib/models/bert/entries.js";
import { classicEntries } from "../../lib/models/classic/entries.js";
import type { DeepLog, DeepLogFitReport } from "../../lib/models/sequence/deeplog.js";
import {
  createDetector,
  defaultParams,
  defineEntry,
  describeModels,
  detectorRegistry,
  isModelName,
  loadDetector,
  modelEntry,
  modelNames,
  modelSpecFromJson,
  type DetectorOf,
  type FitReportOf,
  type ModelSpec,
  type ParamsOf,
} from "../../lib/models/registry.js";
import { sequenceEntries } from "../../lib/models/sequence/entries.js";
import { Rng } from "../../lib/runtime/rng.js";

describe("detector registry", () => {
  it("holds every family's entries, classic first, with unique names", () => {
    const names = modelNames();
    expect(names).toEqual([...Object.keys(classicEntries), ...Object.keys(sequenceEntries), ...Object.keys(autoencoderEntries), ...Object.keys(bertEntries)]);
    expect(new Set(names).size).toBe(names.length);
    for (const n of ["pca", "deeplog", "lstm", "dense-ae", "iforest-2ae"]) expect(names).toContain(n);
    expect(detectorRegistry.pca).toBe(classicEntries.pca);
    expect(isModelName("pca")).toBe(true);
    expect(isModelName("toString")).toBe(false);
  });

  it("re-exports defineEntry", () => {
    expect(typeof defineEntry).toBe("function");
  });

  it("every entry declares family, supervision and a fit set that agree (no name guessing)", () => {
    const d = describeModels();
    expect(d.map((m) => m.name)).toEqual(modelNames());
    for (const m of d) {
      expect(["classic", "next-key", "sequence-classifier", "autoencoder", "masked-key"]).toContain(m.family);
      expect(m.description.length, m.name).toBeGreaterThan(20);
      if (m.supervision === "supervised") expect(m.fitSet, m.name).toBe("labelled");
      else if (m.supervision === "semi-supervised") expect(m.fitSet, m.name).toBe("normals");
      else expect(["normals", "unlabelled"], m.name).toContain(m.fitSet);
    }
    const by = (n: string) => d.find((m) => m.name === n)!;
    expect(by("decision-tree")).toMatchObject({ family: "classic", supervision: "supervised", fitSet: "labelled" });
    expect(by("deeplog")).toMatchObject({ family: "next-key", supervision: "semi-supervised", fitSet: "normals" });
    expect(by("iforest-2ae")).toMatchObject({ family: "autoencoder", supervision: "unsupervised", fitSet: "unlabelled" });
    expect(by("pca")).toMatchObject({ family: "classic", supervision: "unsupervised", fitSet: "normals" });
    expect(by("logbert")).toMatchObject({ family: "masked-key", supervision: "semi-supervised", fitSet: "normals" });
    expect(by("transformer")).toMatchObject({ family: "sequence-classifier", fitSet: "labelled" });
    expect(describeModels(["lstm-ae"]).map((m) => m.name)).toEqual(["lstm-ae"]);
  });

  it("defaultParams is a copy of the model's defaults", () => {
    const p = defaultParams("pca");
    expect(p).toEqual(classicEntries.pca.defaults);
    p.nComponents = 99;
    expect(classicEntries.pca.defaults.nComponents).toBe(0.95);
    expect(modelEntry("pca")).toBe(classicEntries.pca);
  });

  it("createDetector is typed by the registry and merges given parameters into the defaults", () => {
    const d = createDetector("keyword", { alarmKeys: [3] }, { rng: new Rng(1) });
    expect(d.name).toBe("keyword");
    expect(d.params).toEqual({ alarmKeys: [3], flagUnseenKeys: true });
    // A caller that casts still gets the run-time check, naming the key and the source.
    expect(() => createDetector("keyword", { alarmKey: [3] } as never, { rng: new Rng(1) }, "my.json")).toThrow(/my\.json: unknown setting "alarmKey"/);
  });

  it("modelSpecFromJson is the untyped entry point: checks the name, every parameter and its type", () => {
    expect(modelSpecFromJson("pca", { nComponents: 3 })).toEqual({ model: "pca", params: { nComponents: 3 } });
    expect(modelSpecFromJson("deeplog", undefined)).toEqual({ model: "deeplog", params: {} });
    expect(() => modelSpecFromJson("keyword", { alarmKey: [3] }, "--params")).toThrow(/--params: unknown setting "alarmKey"/);
    expect(() => modelSpecFromJson("pca", { nComponents: "3" }, "--params")).toThrow(/--params: setting "nComponents" must be a number, got string/);
    expect(() => modelSpecFromJson("pca", [1], "--params")).toThrow(/--params: expected an object of settings, got an array/);
  });

  it("an unknown name lists the known models (untyped entry points)", async () => {
    const msg = `Unknown model "svdd". Known models: ${modelNames().join(", ")}`;
    expect(() => modelSpecFromJson("svdd", {})).toThrow(msg);
    expect(() => loadDetector("svdd", "/tmp")).toThrow(msg);
    expect(() => createDetector("svdd" as never, {} as never, { rng: new Rng(1) })).toThrow(msg);
  });
});

// Type tests: checked by `tsc --noEmit` (npm test); each @ts-expect-error fails the type check if
// the line below it ever compiles.
describe("registry types", () => {
  it("derive the parameter, detector and fit-report types of each model", () => {
    expectTypeOf<ParamsOf<"deeplog">["window"]>().toEqualTypeOf<number>();
    expectTypeOf<DetectorOf<"deeplog">>().toEqualTypeOf<DeepLog>();
    expectTypeOf<FitReportOf<"deeplog">>().toEqualTypeOf<DeepLogFitReport>();
    const ok: ModelSpec[] = [{ model: "pca", params: { nComponents: 0.9 } }, { model: "deeplog", params: { window: 5 } }, { model: "lstm" }];
    expect(ok).toHaveLength(3);
  });

  it("reject misspelt model names and parameters at compile time", () => {
    // @ts-expect-error: no model "pcaa"
    const badName: ModelSpec = { model: "pcaa" };
    // @ts-expect-error: pca has no parameter "nComponent"
    const badParam: ModelSpec = { model: "pca", params: { nComponent: 3 } };
    // @ts-expect-error: window is a number
    const badType: ModelSpec = { model: "deeplog", params: { window: "10" } };
    // @ts-expect-error: deeplog's parameters do not fit pca
    const crossed: ModelSpec<"pca"> = { model: "pca", params: { window: 10 } };
    // @ts-expect-error: createDetector's parameters are typed too
    expect(() => createDetector("keyword", { alarmKey: [3] }, { rng: new Rng(1) })).toThrow(/unknown setting/);
    expect([badName, badParam, badType, crossed]).toHaveLength(4);
  });
});
