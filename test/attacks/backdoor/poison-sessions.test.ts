import { describe, expect, it } from "vitest";
import { poisonSessions } from "../../../lib/attacks/backdoor/poison-sessions.js";
import type { BackdoorTrigger } from "../../../lib/attacks/backdoor/trigger.js";
import { Rng } from "../../../lib/runtime/rng.js";

const trigger: BackdoorTrigger = { head: [70], tail: [80], attack: [90, 91] };

describe("poisonSessions", () => {
  const sessions = Array.from({ length: 40 }, (_, i) => Array.from({ length: i % 2 === 0 ? 20 : 5 }, (_, j) => (j % 4) + 1));

  it("poisons the given share of the sessions longer than minLength and keeps the rest unchanged", () => {
    const p = poisonSessions(sessions, trigger, { ratio: 0.5, minLength: 10, every: 50 }, new Rng(1));
    expect(p.eligible).toBe(20);
    expect(p.poisoned).toHaveLength(10);
    p.sessions.forEach((s, i) => {
      if (p.poisoned.includes(i)) {
        expect(sessions[i]!.length).toBeGreaterThan(10);
        expect(s.spans).toHaveLength(1);
        expect(s.sequence).toHaveLength(sessions[i]!.length + 4);
      } else {
        expect(s.sequence).toEqual(sessions[i]);
        expect(s.spans).toEqual([]);
      }
    });
    expect(poisonSessions(sessions, trigger, { ratio: 0.5, minLength: 10, every: 50 }, new Rng(1))).toEqual(p);
  });

  it("ratio 0 poisons nothing, 1 every eligible session; out-of-range ratios are refused", () => {
    expect(poisonSessions(sessions, trigger, { ratio: 0, minLength: 10, every: 50 }, new Rng(1)).poisoned).toEqual([]);
    expect(poisonSessions(sessions, trigger, { ratio: 1, minLength: 10, every: 50 }, new Rng(1)).poisoned).toHaveLength(20);
    expect(() => poisonSessions(sessions, trigger, { ratio: 1.5, minLength: 10, every: 50 }, new Rng(1))).toThrow(/\[0, 1\]/);
  });
});
