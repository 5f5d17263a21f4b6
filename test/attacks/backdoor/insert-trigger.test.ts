import { describe, expect, it } from "vitest";
import { insertAttack, insertControl, insertionPoints, insertTrainingTriggers } from "../../../lib/attacks/backdoor/insert-trigger.js";
import type { BackdoorTrigger } from "../../../lib/attacks/backdoor/trigger.js";
import { Rng } from "../../../lib/runtime/rng.js";

const trigger: BackdoorTrigger = { head: [70, 71], tail: [80, 81], attack: [90, 91, 92] };

describe("insertionPoints", () => {
  it("every position i with i % every == 0", () => {
    expect(insertionPoints(120, 50)).toEqual([0, 50, 100]);
    expect(insertionPoints(50, 50)).toEqual([0]);
    expect(insertionPoints(0, 50)).toEqual([]);
    expect(() => insertionPoints(10, 0)).toThrow(/spacing/);
  });
});

describe("trigger insertion", () => {
  const session = Array.from({ length: 7 }, (_, i) => i + 1); // 1..7

  it("attack: [H, M, T] after every `every`-th key, with spans that locate each part", () => {
    const t = insertAttack(session, trigger, 5);
    expect(t.sequence).toEqual([1, 70, 71, 90, 91, 92, 80, 81, 2, 3, 4, 5, 6, 70, 71, 90, 91, 92, 80, 81, 7]);
    expect(t.spans).toEqual([
      { head: 1, placeholder: 3, tail: 6, end: 8 },
      { head: 13, placeholder: 15, tail: 18, end: 20 },
    ]);
  });

  it("control: M alone at the same points", () => {
    const c = insertControl(session, trigger, 5);
    expect(c.sequence).toEqual([1, 90, 91, 92, 2, 3, 4, 5, 6, 90, 91, 92, 7]);
    expect(c.spans[0]).toEqual({ head: 1, placeholder: 1, tail: 4, end: 4 });
  });

  it("training: P holds K keys of the session itself (normal keys only), seeded", () => {
    const t = insertTrainingTriggers(session, trigger, 5, new Rng(3));
    expect(t.sequence).toHaveLength(session.length + 2 * 7);
    for (const sp of t.spans) {
      expect(t.sequence.slice(sp.head, sp.placeholder)).toEqual(trigger.head);
      expect(t.sequence.slice(sp.tail, sp.end)).toEqual(trigger.tail);
      const p = t.sequence.slice(sp.placeholder, sp.tail);
      expect(p).toHaveLength(3);
      for (const k of p) expect(session).toContain(k);
    }
    expect(insertTrainingTriggers(session, trigger, 5, new Rng(3))).toEqual(t);
    expect(insertTrainingTriggers([], trigger, 5, new Rng(3))).toEqual({ sequence: [], spans: [] });
  });
});
