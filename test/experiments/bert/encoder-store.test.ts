import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrPretrainLogTextEncoder, logTextEncoderDir, pretrainTrainingCurve, savePretraining } from "../../../lib/experiments/bert/encoder-store.js";
import { disposeLogTextEncoder } from "../../../lib/models/bert/log-text-encoder.js";
import { tinyEncoder } from "../../models/bert/text-encoder-fixtures.js";

describe("encoder store", () => {
  it("names the profile folders under models/", () => {
    expect(logTextEncoderDir("smoke")).toMatch(/models\/bert-log-encoder-smoke$/);
  });
  it("turns a loss curve into a training curve (no validation entry when there was none)", () => {
    const c = pretrainTrainingCurve([{ epoch: 1, loss: 5, valLoss: 4, learningRate: 0.1, seconds: 2 }, { epoch: 2, loss: 3, valLoss: null, learningRate: 0.1, seconds: 2 }]);
    expect(c.history[0]).toMatchObject({ epoch: 1, loss: 5, valLoss: 4 });
    expect("valLoss" in c.history[1]!).toBe(false);
  });
  it("loads a saved pretraining with its loss curve instead of pretraining again", async () => {
    const { encoder } = await tinyEncoder();
    const dir = mkdtempSync(join(tmpdir(), "store-"));
    try {
      const history = [{ epoch: 1, loss: 4.2, valLoss: 4.0, learningRate: 0.001, seconds: 1 }];
      const files = await savePretraining({ encoder, config: {} as never, seed: 1, history, stoppedBecause: "test", corpus: { messages: 1, distinctRows: 1, trainRows: 1, validationRows: 0, truncatedRows: 0, sources: [] }, seconds: { tokenizer: 0, training: 1, total: 1 }, inputs: [], backend: "wasm" }, dir, "smoke");
      expect(files).toContain("loss-curve.csv");
      const s = await loadOrPretrainLogTextEncoder("smoke", 1, dir);
      expect(s.source).toBe("loaded");
      expect(s.history).toEqual(history);
      expect(s.pretraining).toMatchObject({ stoppedBecause: "test" });
      expect(existsSync(join(dir, "encoder.bin"))).toBe(true);
      disposeLogTextEncoder(s.encoder);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      disposeLogTextEncoder(encoder);
    }
  });
});
