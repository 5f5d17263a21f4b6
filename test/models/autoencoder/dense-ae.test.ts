import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DENSE_AE_DEFAULTS, DenseAutoencoderDetector } from "../../../lib/models/autoencoder/dense-ae.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { contaminated, fitScoreSaveLoad, normal, test } from "./ae-fixtures.js";

const params = { ...DENSE_AE_DEFAULTS, hidden: [8], latentDim: 3, epochs: 20, batchSize: 16 };

describe("DenseAutoencoderDetector", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  // Moved from test/models/autoencoder/autoencoders.test.ts.
  it("dense-ae: fits, scores reconstruction error, keeps tensors flat, saves and loads with identical scores", async () => {
    await fitScoreSaveLoad("dense-ae", { hidden: [8], latentDim: 3, epochs: 20, batchSize: 16 }, dirs);
  });

  it("trains on the normal sessions only, each distinct vector once; the same seed gives the same scores", async () => {
    const a = new DenseAutoencoderDetector({ ...params, epochs: 3 }, new Rng(1));
    const rep = await a.fit(contaminated);
    expect(rep).toMatchObject({ sessions: normal.length, columns: 7 }); // keys 1–6 + OOV; key 7 only in anomalies
    expect(Number(rep.distinctVectors)).toBeLessThan(normal.length);
    const b = new DenseAutoencoderDetector({ ...params, epochs: 3 }, new Rng(1));
    await b.fit({ sequences: normal });
    expect(Array.from(await b.score(test))).toEqual(Array.from(await a.score(test)));
    a.dispose();
    b.dispose();
  });

  it("refuses use before fit and folders that hold no dense AE", async () => {
    const d = new DenseAutoencoderDetector(params, new Rng(1));
    await expect(d.score(test)).rejects.toThrow("dense-ae: not fitted");
    await expect(d.save("/tmp/x")).rejects.toThrow("dense-ae: not fitted");
    await expect(DenseAutoencoderDetector.load("/nonexistent-dir")).rejects.toThrow("/nonexistent-dir: dense-ae.json is missing");
  });
});
