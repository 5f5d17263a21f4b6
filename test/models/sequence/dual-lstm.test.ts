import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DualLstm, DUAL_LSTM_DEFAULTS } from "../../../lib/models/sequence/dual-lstm.js";
import { loadDetector } from "../../../lib/models/registry.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { cycleSessions } from "./model-fixtures.js";

const tiny = { ...DUAL_LSTM_DEFAULTS, rareShare: 0.1, window: 4, rareWindow: 2, hiddenUnits: 8, embeddingDim: 4, epochs: 3, batchSize: 32, earlyStoppingPatience: 0 };

describe("dual LSTM", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const train = { sequences: cycleSessions(50, 1, 12, 6) };
  const test = { sequences: [...cycleSessions(5, 2, 12, 6), [1, 2, 3, 4, 5, 99, 1, 2, 3, 4, 5, 1]] };

  it("splits keys into frequent and rare, reports top-k accuracy per model, saves and loads", async () => {
    const before = tf.memory().numTensors;
    const d = new DualLstm(tiny, new Rng(4));
    const rep = await d.fit(train);
    // key 6 (the detour) is the only key below 10% of occurrences
    expect(d.split.rare).toEqual([6]);
    expect(d.split.frequent).toEqual([1, 2, 3, 4, 5]);
    expect(d.histories.frequent).toHaveLength(3);
    expect(Number(rep.rareKeys)).toBe(1);
    const acc = d.topKAccuracy(test, 5);
    expect(acc.frequent).toBeGreaterThan(0.5);
    expect(acc.rare).toBe(1); // one rare key: it is always in the top 5
    const afterFit = tf.memory().numTensors;
    const s = await d.score(test);
    expect(s[5]).toBe(6); // key 99 is in neither vocabulary: max(V) + 1
    expect(tf.memory().numTensors).toBe(afterFit);
    const dir = mkdtempSync(join(tmpdir(), "loglab-dual-"));
    dirs.push(dir);
    await d.save(dir);
    const loaded = await loadDetector("dual-lstm", dir);
    expect(Array.from(await loaded.score(test))).toEqual(Array.from(s));
    loaded.dispose();
    d.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
