import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LSTM_AE_DEFAULTS, LstmAutoencoder } from "../../../lib/models/autoencoder/lstm-ae.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { fitScoreSaveLoad, normal, test } from "./ae-fixtures.js";

describe("LstmAutoencoder", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  // Moved from test/models/autoencoder/autoencoders.test.ts.
  it("lstm-ae: fits, scores reconstruction error, keeps tensors flat, saves and loads with identical scores", async () => {
    await fitScoreSaveLoad("lstm-ae", { embeddingDim: 4, hiddenUnits: 8, epochs: 8, batchSize: 16, maxLength: 16, learningRate: 0.02 }, dirs);
  });

  it("identical sessions score the same; a session with an unseen key scores above the same session without it; the fit report counts", async () => {
    const d = new LstmAutoencoder({ ...LSTM_AE_DEFAULTS, embeddingDim: 4, hiddenUnits: 6, epochs: 2, batchSize: 16, maxLength: 16 }, new Rng(3));
    const rep = await d.fit({ sequences: normal.slice(0, 30) });
    expect(rep).toMatchObject({ sessions: 30, vocabulary: 6 });
    const s = normal[0]!;
    const withUnseen = [...s.slice(0, -1), 42];
    const [a, b, c] = await d.score({ sequences: [s, [...s], withUnseen] });
    expect(a).toBe(b);
    expect(c).toBeGreaterThan(a!);
    d.dispose();
  });

  it("refuses use before fit and folders that hold no LSTM AE", async () => {
    const d = new LstmAutoencoder(LSTM_AE_DEFAULTS, new Rng(1));
    await expect(d.score(test)).rejects.toThrow("lstm-ae: not fitted");
    await expect(LstmAutoencoder.load("/nonexistent-dir")).rejects.toThrow("/nonexistent-dir: lstm-ae.json is missing");
  });
});
