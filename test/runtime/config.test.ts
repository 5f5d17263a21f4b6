import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../lib/runtime/config.js";

describe("resolveConfig", () => {
  const defaults = { epochs: 10, lr: 0.001, name: "x", layers: [64, 64] };
  it("merges given values into defaults", () => {
    expect(resolveConfig(defaults, { epochs: 3 }, "test")).toEqual({ ...defaults, epochs: 3 });
    expect(resolveConfig(defaults, undefined, "test")).toEqual(defaults);
  });
  it("rejects an unknown key, naming it and the source", () => {
    expect(() => resolveConfig(defaults, { epoch: 3 }, "--params")).toThrow('--params: unknown setting "epoch" (known: epochs, lr, name, layers)');
  });
  it("rejects a value of the wrong type", () => {
    expect(() => resolveConfig(defaults, { lr: "fast" }, "cfg.json")).toThrow(/cfg\.json: setting "lr" must be a number, got string/);
    expect(() => resolveConfig(defaults, { layers: 3 }, "cfg")).toThrow(/must be a array, got number/);
  });
  it("rejects a non-object", () => {
    expect(() => resolveConfig(defaults, [1], "cfg")).toThrow(/got an array/);
  });
});
