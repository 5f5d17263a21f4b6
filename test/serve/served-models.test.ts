import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/serve/api-error.js";
import { loadServedModels, pathInside } from "../../lib/serve/served-models.js";
import { servedModelsDir } from "./serve-fixtures.js";

describe("served models", () => {
  it("loads the classic model, reports each BERT variant as not loaded with the reason, and picks by model_type/bert_variant", async () => {
    const m = await loadServedModels(await servedModelsDir(), { trainIfMissing: false });
    expect(m.classifiers.map((c) => [c.slot.key, c.classifier !== null])).toEqual([["ml", true], ["dann", false], ["lora", false], ["hybrid", false]]);
    expect(m.pick(undefined, undefined).slot.key).toBe("ml");
    expect(m.pick("ml", "lora").slot.key).toBe("ml");
    expect(() => m.pick("bert", undefined)).toThrow(/DANN-BERT is not loaded: no model folder/);
    expect(() => m.pick("bert", "lora")).toThrow(/LoRA-BERT is not loaded: .*no loader for line-classifier kind "bert"/);
    expect(() => m.detector("x")).toThrow(/no session detector "x" \(loaded: none\)/);
    m.dispose();
  });
  it("without --no-train, an empty folder gets the classic model trained and saved, and says so", async () => {
    const said: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), "loglab-served-"));
    const m = await loadServedModels(dir, { trainOptions: { systems: ["OpenSSH"], maxLinesPerSystem: 200, cGrid: [1] }, onMessage: (s) => said.push(s) });
    expect(m.classifiers[0]!.classifier).not.toBeNull();
    expect(said[0]).toMatch(/no 7-class model in .*classifier-ml: training the classic one on the shipped LogHub 2k data/);
    const again = await loadServedModels(dir, { onMessage: (s) => said.push(`again: ${s}`) });
    expect(said.some((s) => s.startsWith("again: no 7-class"))).toBe(false);
    expect(again.classifiers[0]!.classifier!.card).toEqual(m.classifiers[0]!.classifier!.card);
    const none = await loadServedModels(mkdtempSync(join(tmpdir(), "loglab-served-")), { trainIfMissing: false });
    expect(none.classifiers[0]!.reason).toMatch(/no model folder/);
  });
  it("keeps model names inside the models folder", () => {
    expect(pathInside("/m", "hdfs-deeplog")).toBe("/m/hdfs-deeplog");
    for (const bad of ["..", "../x", "a/../../b", "/etc", "a/b", ".hidden", "a..b", ""]) {
      expect(() => pathInside("/m", bad), bad).toThrow(ApiError);
    }
  });
});
