import { describe, expect, it } from "vitest";
import { insertAttack } from "../../../lib/attacks/backdoor/insert-trigger.js";
import { NGRAM_REGULARITY_DEFAULTS, ngramRegularityFilter } from "../../../lib/attacks/backdoor/ngram-regularity-filter.js";
import { Rng } from "../../../lib/runtime/rng.js";

/** Sessions of random keys 1..8, 60–120 long. */
function sessions(n: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: 60 + rng.int(61) }, () => 1 + rng.int(8)));
}

describe("ngramRegularityFilter", () => {
  const trigger = { head: [50, 51], tail: [60, 61], attack: [2, 3] };

  it("flags the n-grams a poisoner planted at a fixed spacing and drops exactly the sessions holding them", () => {
    const clean = sessions(200, 1);
    const poisoned = new Set([3, 10, 40, 41, 77, 90, 120, 150, 151, 152, 160, 170, 199]);
    const data = clean.map((s, i) => (poisoned.has(i) ? insertAttack(s, trigger, 50).sequence : s));
    const r = ngramRegularityFilter(data, { ...NGRAM_REGULARITY_DEFAULTS, minSessions: 10 });
    expect(r.flagged.length).toBeGreaterThan(0);
    for (const f of r.flagged) {
      expect(f.gap).toBe(56); // 50 keys, then H, M, T (6 keys)
      expect(f.share).toBe(1);
      expect(f.sessions).toBe(poisoned.size);
    }
    expect(r.flagged.map((f) => f.keys.join(" "))).toContain("50 51");
    expect(r.dropped).toEqual([...poisoned].sort((a, b) => a - b));
    expect(r.kept).toHaveLength(200 - poisoned.size);
  });

  it("flags nothing in sessions whose n-grams recur at varying gaps", () => {
    const r = ngramRegularityFilter(sessions(200, 2));
    expect(r.flagged).toEqual([]);
    expect(r.dropped).toEqual([]);
  });

  it("refuses bad n-gram sizes", () => {
    expect(() => ngramRegularityFilter([[1, 2]], { ...NGRAM_REGULARITY_DEFAULTS, minN: 3, maxN: 2 })).toThrow(/minN/);
  });
});
