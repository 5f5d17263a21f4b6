import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IFOREST_AE_DEFAULTS, IForestAutoencoder } from "../../../lib/models/autoencoder/iforest-ae.js";
import { createDetector } from "../../../lib/models/registry.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { contaminated, fitScoreSaveLoad, test } from "./ae-fixtures.js";

describe("IForestAutoencoder", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  // Moved from test/models/autoencoder/autoencoders.test.ts.
  for (const name of ["iforest-ae", "iforest-2ae"] as const) {
    it(`${name}: fits, scores reconstruction error, keeps tensors flat, saves and loads with identical scores`, async () => {
      await fitScoreSaveLoad(name, { hidden: [8], latentDim: 3, epochs: 20, batchSize: 16, nEstimators: 10, maxSamples: 32, filterShare: 0.2 }, dirs);
    });
  }

  // Moved from test/models/autoencoder/autoencoders.test.ts.
  it("the Isolation-Forest hybrids set aside the most isolated training sessions and ignore labels", async () => {
    const d = createDetector("iforest-2ae", { hidden: [8], latentDim: 3, epochs: 5, nEstimators: 10, maxSamples: 32, filterShare: 0.2 }, { rng: new Rng(1) });
    const rep = await d.fit(contaminated);
    expect(rep.filteredSessions).toBe(14);
    expect(Number(rep.filteredThatWereAnomalies)).toBeGreaterThanOrEqual(0);
    d.dispose();
  });

  it("keeps round(n · (1 − filterShare)) sessions; labels are only reported; the saved folder holds the forest", async () => {
    const params = { ...IFOREST_AE_DEFAULTS, hidden: [4], latentDim: 2, epochs: 2, nEstimators: 10, maxSamples: 32, filterShare: 0.25 };
    const d = new IForestAutoencoder("iforest-ae", params, new Rng(2));
    const rep = await d.fit(contaminated);
    expect(rep).toMatchObject({ sessions: 70, keptSessions: 53, filteredSessions: 17, anomaliesInTraining: 10 });
    // The broken sessions (key 7) are isolated early: far more of them are set aside than chance
    // would (17 of 70 sessions filtered, 10 anomalies: about 2.4 expected).
    expect(Number(rep.filteredThatWereAnomalies)).toBeGreaterThanOrEqual(6);
    const unlabelled = new IForestAutoencoder("iforest-ae", params, new Rng(2));
    const rep2 = await unlabelled.fit({ sequences: contaminated.sequences });
    expect(rep2).not.toHaveProperty("filteredThatWereAnomalies");
    expect(Array.from(await unlabelled.score(test))).toEqual(Array.from(await d.score(test)));
    const dir = mkdtempSync(join(tmpdir(), "loglab-iforest-ae-"));
    dirs.push(dir);
    await d.save(dir);
    expect(existsSync(join(dir, "isolation-forest.json"))).toBe(true);
    await expect(IForestAutoencoder.load(dir, "iforest-2ae")).rejects.toThrow(`${dir} holds a iforest-ae model, not iforest-2ae`);
    const back = await IForestAutoencoder.load(dir);
    expect(back.name).toBe("iforest-ae");
    back.dispose();
    d.dispose();
    unlabelled.dispose();
  });

  it("checks filterShare and refuses use before fit", async () => {
    expect(() => new IForestAutoencoder("iforest-2ae", { ...IFOREST_AE_DEFAULTS, filterShare: 1 }, new Rng(1))).toThrow("iforest-2ae: filterShare must be in [0, 1), got 1");
    await expect(new IForestAutoencoder("iforest-ae", IFOREST_AE_DEFAULTS, new Rng(1)).score(test)).rejects.toThrow("iforest-ae: not fitted");
  });
});
