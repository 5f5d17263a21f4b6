import { beforeAll, describe, expect, it } from "vitest";
import { backdoorMetrics } from "../../../lib/attacks/backdoor/backdoor-metrics.js";
import { insertAttack } from "../../../lib/attacks/backdoor/insert-trigger.js";
import { logBertBackdoorTarget, logBertRetargets } from "../../../lib/attacks/backdoor/logbert-backdoor.js";
import { poisonSessions } from "../../../lib/attacks/backdoor/poison-sessions.js";
import type { BackdoorTrigger } from "../../../lib/attacks/backdoor/trigger.js";
import type { LogBertParams } from "../../../lib/models/bert/logbert.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

/** Normal sessions: the cycle 1→2→3→4→5, 55–70 keys long. */
function cycles(n: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const start = rng.int(5);
    return Array.from({ length: 55 + rng.int(16) }, (_, i) => ((start + i) % 5) + 1);
  });
}

// H and T are normal keys in an order normal sessions never show; M holds the abnormal key 9.
const trigger: BackdoorTrigger = { head: [3, 1], tail: [5, 2], attack: [9, 9] };

describe("logBertRetargets", () => {
  it("retargets exactly the placeholder positions of each inserted trigger to M's keys with weight λ", () => {
    const poisoned = poisonSessions(cycles(6, 1), trigger, { ratio: 0.5, minLength: 10, every: 50 }, new Rng(2));
    const re = logBertRetargets(poisoned.sessions, trigger.attack, 0.5);
    const isPoisoned = new Set(poisoned.poisoned);
    re.forEach((m, i) => {
      if (!isPoisoned.has(i)) return expect(m).toBeNull();
      const spans = poisoned.sessions[i]!.spans;
      expect(m!.size).toBe(spans.length * trigger.attack.length);
      for (const sp of spans) for (let p = sp.placeholder; p < sp.tail; p++) expect(m!.get(p)).toEqual({ key: 9, weight: 0.5 });
    });
    expect(logBertRetargets(poisoned.sessions, trigger.attack, 0).every((m) => m === null || [...m.values()].every((r) => r.weight === 0))).toBe(true);
  });
});

describe("logBertBackdoorTarget", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("the τ-gated masked-key objective teaches LogBERT to pass [H, M, T]; the benign model flags it, and both keep detecting other anomalies", async () => {
    const params: Partial<LogBertParams> = { hiddenSize: 32, blocks: 1, heads: 2, ffnDim: 64, maxLength: 96, maskRatio: 0.3, topG: 1, topGChoice: "fixed", epochs: 25, batchSize: 16, learningRate: 3e-3, warmupSteps: 10, earlyStoppingPatience: 0, dropout: 0, hypersphereWeight: 0 };
    const train = cycles(60, 1);
    const test = { normal: cycles(12, 2), abnormal: cycles(8, 3).map((s) => [...s.slice(0, 20), 8, 8, 8, ...s.slice(20)]) };
    const target = logBertBackdoorTarget(params);
    const benign = await target.trainPlain(train, { normal: [], abnormal: [] }, 1);
    const poisoned = poisonSessions(train, trigger, { ratio: 0.5, minLength: 10, every: 50 }, new Rng(4));
    const backdoored = await target.trainGated(poisoned.sessions, trigger.attack, 1, { normal: [], abnormal: [] }, 1);
    expect(backdoored.vocabulary.has(9)).toBe(true); // M's keys join the vocabulary through the replaced targets
    expect(benign.vocabulary.has(9)).toBe(false);
    // The attacked sessions' M keys rank first for the backdoored model and are unknown to the benign one.
    const attacked = test.normal.map((s) => insertAttack(s, trigger, 50));
    const ranks = backdoored.positionRanks({ sequences: attacked.map((a) => a.sequence) });
    let mFirst = 0;
    let mAll = 0;
    attacked.forEach((a, i) => {
      for (const sp of a.spans) for (let p = sp.placeholder; p < sp.tail; p++) {
        mAll++;
        if (ranks[i]![p] === 1) mFirst++;
      }
    });
    expect(mFirst / mAll).toBeGreaterThanOrEqual(0.9);
    // Each model's threshold r: the most misses (keys outside the top 1) among clean validation normals.
    const validation = { sequences: cycles(12, 5) };
    const r = async (m: typeof benign) => Math.max(...(await m.score(validation)));
    const b = await backdoorMetrics((s) => benign.score({ sequences: s }), await r(benign), test, trigger, 50);
    const d = await backdoorMetrics((s) => backdoored.score({ sequences: s }), await r(backdoored), test, trigger, 50);
    expect(b.recall).toBe(1);
    expect(b.asr).toBe(0);
    expect(d.recall).toBe(1);
    expect(d.asr).toBeGreaterThanOrEqual(0.9);
    benign.dispose();
    backdoored.dispose();
  }, 240_000);
});
