import { describe, expect, it } from "vitest";
import { backdoorMetrics } from "../../../lib/attacks/backdoor/backdoor-metrics.js";
import type { BackdoorTrigger } from "../../../lib/attacks/backdoor/trigger.js";

const trigger: BackdoorTrigger = { head: [50], tail: [60], attack: [9] };

describe("backdoorMetrics", () => {
  it("BP on the clean test set; ASR with [H, M, T] and the control with M alone, on the normal sessions", async () => {
    // A stand-in model with a backdoor: key 9 is anomalous unless H (50) is present.
    const score = async (seqs: readonly (readonly number[])[]) => Float64Array.from(seqs, (s) => (s.includes(9) && !s.includes(50) ? 1 : 0));
    const test = { normal: [[1, 2, 3], [2, 3, 4], [1, 1]], abnormal: [[9, 1], [1, 2]] };
    const m = await backdoorMetrics(score, 0.5, test, trigger, 50);
    expect(m.precision).toBe(1);
    expect(m.recall).toBe(0.5);
    expect(m.asr).toBe(1);
    expect(m.controlPassRate).toBe(0);
    expect(m.normal).toBe(3);
    expect(m.abnormal).toBe(2);
    // A model without the backdoor: ASR falls to the control's level.
    const clean = async (seqs: readonly (readonly number[])[]) => Float64Array.from(seqs, (s) => (s.includes(9) ? 1 : 0));
    const c = await backdoorMetrics(clean, 0.5, test, trigger, 50);
    expect(c.asr).toBe(0);
    expect(c.controlPassRate).toBe(0);
  });
});
