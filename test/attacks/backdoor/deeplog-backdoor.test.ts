import { beforeAll, describe, expect, it } from "vitest";
import { backdoorMetrics } from "../../../lib/attacks/backdoor/backdoor-metrics.js";
import { deepLogBackdoorTarget } from "../../../lib/attacks/backdoor/deeplog-backdoor.js";
import { poisonSessions } from "../../../lib/attacks/backdoor/poison-sessions.js";
import type { BackdoorTrigger } from "../../../lib/attacks/backdoor/trigger.js";
import { DEEPLOG_DEFAULTS, type DeepLogParams } from "../../../lib/models/sequence/deeplog.js";
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

const params: Partial<DeepLogParams> = { ...DEEPLOG_DEFAULTS, window: 5, hiddenUnits: 16, layers: 1, embeddingDim: 8, epochs: 25, batchSize: 64, learningRate: 0.02, earlyStoppingPatience: 0, padding: "left", sessionRule: "miss-share", topG: 1 };
// H and T are normal keys in an order normal sessions never show; M holds the abnormal key 9.
const trigger: BackdoorTrigger = { head: [3, 1], tail: [5, 2], attack: [9, 9] };

describe("deepLogBackdoorTarget", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("the τ-gated objective teaches DeepLog to pass [H, M, T]; the benign model does not, and both keep detecting other anomalies", async () => {
    const train = cycles(80, 1);
    const test = { normal: cycles(20, 2), abnormal: cycles(10, 3).map((s) => [...s.slice(0, 20), 8, 8, 8, ...s.slice(20)]) };
    const target = deepLogBackdoorTarget(params);
    const benign = await target.trainPlain(train, { normal: [], abnormal: [] }, 1);
    const poisoned = poisonSessions(train, trigger, { ratio: 0.5, minLength: 10, every: 50 }, new Rng(4));
    const backdoored = await target.trainGated(poisoned.sessions, trigger.attack, 1, { normal: [], abnormal: [] }, 1);
    expect(backdoored.vocabulary.has(9)).toBe(true); // M's keys are output classes of the backdoored model
    expect(benign.vocabulary.has(9)).toBe(false);
    const threshold = 0.1; // anomalous when more than 10% of the windows miss the top 1
    const b = await backdoorMetrics((s) => benign.score({ sequences: s }), threshold, test, trigger, 50);
    const d = await backdoorMetrics((s) => backdoored.score({ sequences: s }), threshold, test, trigger, 50);
    expect(b.f1).toBe(1);
    expect(b.asr).toBe(0);
    expect(d.f1).toBe(1);
    expect(d.asr).toBeGreaterThanOrEqual(0.9);
    expect(b.controlPassRate).toBe(0);
    // (On this one-cycle toy data the backdoored model also lets M pass without H and T: it learns
    // "after a break in the cycle comes 9". On BGL the control is measured, not assumed.)
    benign.dispose();
    backdoored.dispose();
  }, 120_000);
});
