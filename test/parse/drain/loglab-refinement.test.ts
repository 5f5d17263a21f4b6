import { describe, expect, it } from "vitest";
import { Drain } from "../../../lib/parse/drain/drain.js";
import { LoglabRefinement, SHAPE_MASKS } from "../../../lib/parse/drain/loglab-refinement.js";
import { Masker } from "../../../lib/parse/masking.js";
import { Tokenizer } from "../../../lib/parse/tokenize.js";

/** Feeds messages through a Drain tree and the refinement, as the TemplateMiner façade does. */
function feed(lines: readonly string[], splitMaxValues = 4) {
  const drain = new Drain({ depth: 4, simThreshold: 0.4 });
  const ref = new LoglabRefinement({ splitMaxValues, paramString: drain.options.paramString });
  const masker = new Masker([...ref.preMasks], { keepWhitespace: ref.keepWhitespace });
  const tokenizer = new Tokenizer();
  const toks = lines.map((content) => {
    const m = masker.maskFlat(content);
    const t = tokenizer.split(m.text);
    const masked = Uint8Array.from(t.tokens, (x) => (x.includes("<*>") ? 1 : 0));
    const { cluster } = drain.add(t.tokens);
    ref.observe(cluster, content, t, m.flat, masked);
    return { cluster, tokens: t.tokens };
  });
  return { drain, ref, toks };
}

describe("LoglabRefinement", () => {
  it("keeps the text all values of a wildcard share (frames)", () => {
    const { ref, toks } = feed(["send to [node_A1] done", "send to [node_B2] done"]);
    const c = toks[1]!.cluster;
    expect(c.tokens).toEqual(["send", "to", "<*>", "done"]);
    expect(ref.templateTokens(c, null)).toEqual(["send", "to", "[<*>]", "done"]);
    expect(ref.version(c.id)).toBeGreaterThan(0);
    expect(ref.version(999)).toBe(0);
  });

  it("splits a wildcard that took few digit-free words, after finalize", () => {
    const { ref, toks } = feed(["Link ok", "Link error", "Link ok"]);
    const c = toks[0]!.cluster;
    expect(ref.splitPositions(c.id)).toBeUndefined();
    expect(ref.finalize()).toBe(true);
    expect(ref.finalize()).toBe(false); // nothing new since
    expect(ref.splitPositions(c.id)).toEqual([1]);
    expect(ref.templateTokens(c, toks[1]!.tokens)).toEqual(["Link", "error"]);
    expect(ref.templateTokens(c, null)).toEqual(["Link", "<*>"]);
  });

  it("never splits when splitMaxValues is 0, nor on numbers or month names", () => {
    expect(feed(["Link ok", "Link error"], 0).ref.finalize()).toBe(false);
    const months = feed(["on Jan", "on Feb"]);
    months.ref.finalize();
    expect(months.ref.splitPositions(months.toks[0]!.cluster.id)).toBeUndefined();
  });

  it("masks UUIDs and MAC addresses whole before other masks", () => {
    const m = new Masker([...SHAPE_MASKS, { name: "*", pattern: "\\d+" }], { keepWhitespace: true });
    expect(m.maskFlat("id 123e4567-e89b-12d3-a456-426614174000 mac 00:1A:2b:3C:4d:5E").text).toBe("id <*> mac <*>");
  });

  it("saves and restores what it learnt; forgets evicted clusters", () => {
    const { drain, ref, toks } = feed(["send to [node_A1] done", "send to [node_B2] done", "Link ok", "Link error"]);
    const state = ref.toState();
    expect(state.map((s) => s.id)).toEqual([...new Set(toks.map((t) => t.cluster.id))].sort((a, b) => a - b));
    const back = new LoglabRefinement({ splitMaxValues: 4, paramString: "<*>" });
    back.restore(state, (id) => drain.cluster(id));
    expect(back.toState()).toEqual(state);
    back.finalize();
    ref.finalize();
    for (const t of toks) expect(back.templateTokens(t.cluster, t.tokens)).toEqual(ref.templateTokens(t.cluster, t.tokens));
    expect(() => back.restore(state, () => undefined)).toThrow(/statistics for unknown cluster/);
    const bad = state.map((s) => ({ ...s, many: [0] }));
    expect(() => new LoglabRefinement({ splitMaxValues: 4, paramString: "<*>" }).restore(bad, (id) => drain.cluster(id))).toThrow(/do not match its \d+ tokens/);
    ref.forget(toks[0]!.cluster.id);
    expect(ref.toState().map((s) => s.id)).not.toContain(toks[0]!.cluster.id);
  });
});
