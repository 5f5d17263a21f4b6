import { describe, expect, it } from "vitest";
import { checkParamRanges, paramRangeOf } from "../../lib/models/param-ranges.js";
import { createDetector, defaultParams, modelNames } from "../../lib/models/registry.js";
import { Rng } from "../../lib/runtime/rng.js";

describe("parameter ranges", () => {
  it("every numeric, string-choice or list parameter of every registered model has a declared range, and the defaults are in it", () => {
    for (const name of modelNames()) {
      const defaults = defaultParams(name) as Record<string, unknown>;
      for (const [key, value] of Object.entries(defaults)) {
        if (typeof value === "boolean" || key === "checkpointDir") continue;
        expect(paramRangeOf(name, key), `${name}.${key}`).toBeDefined();
      }
      expect(() => checkParamRanges(name, defaults, `${name} defaults`)).not.toThrow();
    }
  });
  it("createDetector (the one place every model's parameters go through) rejects values out of range", () => {
    const ctx = { rng: new Rng(1) };
    expect(() => createDetector("deeplog", { epochs: 0 }, ctx)).toThrow(/deeplog parameters: setting "epochs" must be an integer ≥ 1, got 0/);
    expect(() => createDetector("deeplog", { topG: 2.5 }, ctx)).toThrow(/"topG" must be an integer ≥ 1/);
    expect(() => createDetector("pca", { nComponents: -0.5 }, ctx)).toThrow(/"nComponents" must be > 0/);
    expect(() => createDetector("random-forest", { minSamplesSplit: 1 }, ctx)).toThrow(/"minSamplesSplit" must be an integer ≥ 2/);
    expect(() => createDetector("keyword", { alarmKeys: [1, -2] }, ctx)).toThrow(/"alarmKeys" must hold integers ≥ 0/);
    expect(() => createDetector("deeplog", { epochs: 3, batchSize: 64 }, ctx)).not.toThrow();
  });
});
