import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDetector, loadDetector } from "../../../lib/models/registry.js";
import { DeepLog, DEEPLOG_DEFAULTS, UNSEEN_KEY_MISSES, type DeepLogParams } from "../../../lib/models/sequence/deeplog.js";
import { chooseTopG, topGSweep } from "../../../lib/models/sequence/top-g-sweep.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

/** Normal sessions: a cycle 1→2→3→4→5 with an optional detour 3→6→4, 12–20 keys long. */
function normalSessions(n: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const len = 12 + rng.int(9);
    const s: number[] = [];
    let k = 1 + rng.int(5);
    while (s.length < len) {
      s.push(k);
      if (k === 3 && rng.bernoulli(0.3)) {
        s.push(6);
        k = 4;
      } else k = (k % 5) + 1;
    }
    return s.slice(0, len);
  });
}

const tiny: DeepLogParams = { ...DEEPLOG_DEFAULTS, window: 4, hiddenUnits: 8, layers: 2, embeddingDim: 4, epochs: 6, batchSize: 64, learningRate: 0.02, earlyStoppingPatience: 0 };

describe("DeepLog", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const train = { sequences: normalSessions(60, 1) };
  const test = {
    sequences: [
      ...normalSessions(5, 2),
      [1, 2, 3, 4, 5, 1, 2, 5, 4, 3, 2, 1], // broken order
      [1, 2, 3, 4, 5, 9, 1, 2, 3, 4, 5, 1], // key 9 never seen in training
      [1, 2, 3], // shorter than window + 1
    ],
  };

  it("scores the maximum rank of a true next key; unseen keys and short sessions get V + 1", async () => {
    const d = new DeepLog(tiny, new Rng(7));
    const report = await d.fit(train);
    expect(report.history).toHaveLength(6);
    expect(Number(report.distinctPairs)).toBeLessThan(Number(report.totalWindows));
    const scores = await d.score(test);
    const V = d.vocabulary.size;
    expect(V).toBe(6);
    for (const s of scores) expect(s).toBeGreaterThanOrEqual(1);
    expect(scores[6]).toBe(V + 1);
    expect(scores[7]).toBe(V + 1);
    // Rank semantics: "anomalous if outside the top g" is score > g.
    const sweep = topGSweep([0, 0, 0, 0, 0, 1, 1, 1], scores, V);
    expect(sweep[V - 1]!.tp).toBeGreaterThanOrEqual(2);
    const pos = d.anomalousPositions(test, V);
    expect(pos[6]).toContain(5); // the unseen key; later windows holding it cannot be predicted either
    expect(pos[7]).toEqual([2]);
    d.dispose();
  });

  it("miss-share rule: scores the share of missed windows, its own threshold is missShare, and max-fpr picks a share", async () => {
    const d = new DeepLog({ ...tiny, sessionRule: "miss-share", topG: 2, missShare: 0.25 }, new Rng(7));
    await d.fit(train);
    const scores = await d.score(test);
    for (const s of scores) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    // The same model under the paper's rule: a session with no window outside the top g has share 0.
    const anyMiss = new DeepLog({ ...tiny, topG: 2 }, new Rng(7));
    await anyMiss.fit(train);
    const ranks = await anyMiss.score(test);
    ranks.forEach((r, i) => expect(scores[i]! === 0).toBe(r <= 2));
    expect(scores[6]).toBe(1); // the unseen key flags its session (unseenKeys "flag")
    expect(scores[7]).toBe(1); // shorter than window + 1 (reference padding): its one pair ends in the pad
    expect(d.intrinsicThreshold()).toBe(0.25);
    const normals = { sequences: normalSessions(20, 5) };
    const t = await d.thresholdOnNormals(normals, 0.1);
    const normalScores = await d.score(normals);
    expect(normalScores.filter((s) => s > t.threshold).length / 20).toBeLessThanOrEqual(0.1);
    expect(t.rule).toMatch(/miss share/);
    d.dispose();
    anyMiss.dispose();
  });

  it("miss-count rule: counts the missed windows, has no threshold of its own, and chooses g on labelled validation", async () => {
    const share = new DeepLog({ ...tiny, sessionRule: "miss-share", topG: 2 }, new Rng(7));
    await share.fit(train);
    const count = new DeepLog({ ...tiny, sessionRule: "miss-count", topG: 2 }, new Rng(7));
    const fixed = await count.fit(train);
    expect(fixed.topGSource).toBe("parameter");
    const shares = await share.score(test);
    const counts = await count.score(test);
    counts.forEach((c, i) => {
      expect(Number.isInteger(c)).toBe(true);
      expect(c === 0).toBe(shares[i] === 0); // same model (same seed), same misses
    });
    // The session holding the unseen key 9 is flagged outright (share 1, count UNSEEN_KEY_MISSES), unless unseenKeys is "count".
    expect(shares[6]).toBe(1);
    expect(counts[6]).toBe(UNSEEN_KEY_MISSES);
    const counting = new DeepLog({ ...tiny, sessionRule: "miss-count", topG: 2, unseenKeys: "count" }, new Rng(7));
    await counting.fit(train);
    const c6 = (await counting.score(test))[6]!;
    expect(c6).toBeGreaterThan(0);
    expect(c6).toBeLessThan(test.sequences[6]!.length);
    counting.dispose();
    expect(count.intrinsicThreshold()).toBeNull();
    expect((await count.thresholdOnNormals({ sequences: normalSessions(20, 5) }, 0.1)).rule).toMatch(/missed windows at g = 2/);
    // g on validation: normals and broken-order anomalies; the sweep covers g = 1 … V and g is its best F1.
    const broken = normalSessions(20, 6).map((s) => [...s.slice(0, 6), s[8]!, s[7]!, s[6]!, ...s.slice(9)]);
    const validation = { sequences: [...normalSessions(20, 5), ...broken], labels: Uint8Array.from([...Array(20).fill(0), ...Array(20).fill(1)]) };
    const chosen = new DeepLog({ ...tiny, sessionRule: "miss-count", topGChoice: "validation", topG: 5 }, new Rng(7));
    const r = await chosen.fit(train, validation);
    expect(r.topGSource).toBe("validation");
    expect(r.topGSweep.map((p) => p.g)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.topG).toBe(r.topGSweep.reduce((a, b) => (b.f1 > a.f1 ? b : a)).g);
    expect(chosen.topG).toBe(r.topG);
    const dir = mkdtempSync(join(tmpdir(), "loglab-deeplog-g-"));
    dirs.push(dir);
    await chosen.save(dir);
    const loaded = await DeepLog.load(dir);
    expect(loaded.topG).toBe(r.topG); // the chosen g is saved with the model
    expect(Array.from(await loaded.score(test))).toEqual(Array.from(await chosen.score(test)));
    for (const m of [share, count, chosen, loaded]) m.dispose();
  });

  it("start padding judges a session's first window keys too: an odd order there is seen, and positionRanks covers every key", async () => {
    const early = [1, 2, 5, 4, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2]; // broken order inside the first window (4 keys)
    const left = new DeepLog({ ...tiny, padding: "left", sessionRule: "miss-count" }, new Rng(7));
    const start = new DeepLog({ ...tiny, padding: "start", sessionRule: "miss-count" }, new Rng(7));
    await left.fit(train);
    await start.fit(train);
    const probe = { sequences: [early, normalSessions(1, 3)[0]!] };
    const leftRanks = left.positionRanks(probe);
    const startRanks = start.positionRanks(probe);
    expect(Array.from(leftRanks[0]!.subarray(0, 4))).toEqual([0, 0, 0, 0]); // context only
    for (const r of startRanks) for (const x of r) expect(x).toBeGreaterThanOrEqual(1); // every key ranked
    const g = 2;
    const missesIn = (r: Int32Array, from: number, to: number) => Array.from(r.subarray(from, to)).filter((x) => x > g).length;
    expect(missesIn(startRanks[0]!, 1, 4)).toBeGreaterThan(0); // the 2 → 5 → 4 → 3 detour
    expect(start.anomalousPositions(probe, g)[0]!.some((p) => p >= 1 && p < 4)).toBe(true);
    left.dispose();
    start.dispose();
  });

  it("gives the same numbers for the same seed", async () => {
    const a = new DeepLog(tiny, new Rng(3));
    const b = new DeepLog(tiny, new Rng(3));
    const ra = await a.fit(train);
    const rb = await b.fit(train);
    expect(ra.history!.map((h) => h.loss)).toEqual(rb.history!.map((h) => h.loss));
    expect(Array.from(await a.score(test))).toEqual(Array.from(await b.score(test)));
    a.dispose();
    b.dispose();
  });

  it("keeps tf.memory().numTensors flat across fit and score, and frees everything on dispose", async () => {
    const before = tf.memory().numTensors;
    const d = new DeepLog(tiny, new Rng(5));
    await d.fit(train, { sequences: normalSessions(10, 9) });
    const afterFit = tf.memory().numTensors;
    await d.score(test);
    d.expectedFalseAlarmRates(test, 6);
    expect(tf.memory().numTensors).toBe(afterFit);
    await d.fit(train);
    expect(tf.memory().numTensors).toBe(afterFit);
    d.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("saves and loads through the registry with identical scores", async () => {
    const d = createDetector("deeplog", { ...tiny }, { rng: new Rng(11) });
    await d.fit(train);
    const scores = await d.score(test);
    const dir = mkdtempSync(join(tmpdir(), "loglab-deeplog-"));
    dirs.push(dir);
    await d.save(join(dir, "m"));
    const loaded = await loadDetector("deeplog", join(dir, "m"));
    expect(Array.from(await loaded.score(test))).toEqual(Array.from(scores));
    expect(loaded.intrinsicThreshold?.()).toBe(tiny.topG);
    d.dispose();
    loaded.dispose();
  });

  it("uses early stopping and the plateau schedule on validation data", async () => {
    const d = new DeepLog({ ...tiny, epochs: 30, earlyStoppingPatience: 2, lrPatience: 1, learningRate: 0.05 }, new Rng(2));
    const r = await d.fit(train, { sequences: normalSessions(15, 4) });
    expect(r.history!.every((h) => h.valLoss !== undefined)).toBe(true);
    const rates = r.history!.map((h) => h.learningRate!);
    expect(Math.min(...rates)).toBeLessThanOrEqual(0.05);
    if (r.history!.length < 30) expect(r.stoppedBecause).toMatch(/early stopping/);
    d.dispose();
  });

  it("chooses g on normal validation sessions: the smallest g whose estimated FPR is within the bound", () => {
    const scores = [1, 2, 2, 3, 3, 3, 4, 7];
    const expected = [1, 0.9, 0.3, 0.1, 0.05, 0.01, 0.005, 0.001, 0];
    const c = chooseTopG(scores, expected, 0.13, 8);
    // observed FPR at g = 3: 2/8 = 0.25; g = 4: 1/8 = 0.125 (and expected 0.05) → g = 4
    expect(c.g).toBe(4);
    expect(c.estimatedFpr[4]).toBeCloseTo(0.125);
  });
});
