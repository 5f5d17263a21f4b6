import * as tf from "@tensorflow/tfjs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { createDetector, loadDetector, type ModelName } from "../../../lib/models/registry.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { brokenSessions, cycleSessions, labelled } from "../sequence/model-fixtures.js";

// The data of the former autoencoders.test.ts: normal cycles, broken sessions hold key 7.
export const normal = cycleSessions(60, 1);
export const contaminated = labelled(normal, brokenSessions(10, 2));
export const validation = labelled(cycleSessions(10, 3), brokenSessions(4, 4));
export const test = labelled(cycleSessions(8, 5), brokenSessions(4, 6));

/**
 * The check every autoencoder passed in autoencoders.test.ts (moved here unchanged): fits, scores
 * reconstruction error, keeps tensors flat, saves and loads with identical scores.
 */
export async function fitScoreSaveLoad(name: ModelName, params: object, dirs: string[]): Promise<void> {
  const before = tf.memory().numTensors;
  const d = createDetector(name, { ...params }, { rng: new Rng(7) });
  const rep = await d.fit(name.startsWith("iforest") ? { sequences: contaminated.sequences } : { sequences: normal }, validation);
  expect(rep.history!.length).toBeGreaterThan(0);
  const afterFit = tf.memory().numTensors;
  const s = await d.score(test);
  await d.score(test);
  expect(tf.memory().numTensors).toBe(afterFit);
  expect(s).toHaveLength(test.sequences.length);
  // Broken sessions hold key 7, never seen in normal training: they reconstruct worse.
  const meanNormal = s.slice(0, 8).reduce((a, b) => a + b, 0) / 8;
  const meanAbnormal = s.slice(8).reduce((a, b) => a + b, 0) / 4;
  expect(meanAbnormal).toBeGreaterThan(meanNormal);
  const dir = mkdtempSync(join(tmpdir(), `loglab-${name}-`));
  dirs.push(dir);
  await d.save(dir);
  const loaded = await loadDetector(name, dir);
  expect(Array.from(await loaded.score(test))).toEqual(Array.from(s));
  loaded.dispose();
  d.dispose();
  expect(tf.memory().numTensors).toBe(before);
}
