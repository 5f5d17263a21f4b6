/**
 * Drain3 parity: with masking off, `mode: "drain"` and `treeWalk: "drain3"`, the miner's online
 * templates (one pass, the template each message gets when it is added) are those Drain3's
 * `Drain.add_log_message` returns. The scenarios and their expected templates follow Drain3's own
 * documented behaviour (logpai/Drain3 `drain3/drain.py` and the cases of its `tests/test_drain.py`):
 * messages shorter than the depth, the similarity threshold, LRU eviction at max clusters.
 */
import { describe, expect, it } from "vitest";
import { Drain } from "../../../lib/parse/drain/drain.js";
import { TemplateMiner } from "../../../lib/parse/drain/template-miner.js";
import type { DrainOptions } from "../../../lib/parse/drain/drain.js";

function drain3Miner(drain: Partial<DrainOptions> = {}): TemplateMiner {
  return new TemplateMiner({ mode: "drain", masking: [], drain: { treeWalk: "drain3", ...drain } });
}

function online(miner: TemplateMiner, lines: readonly string[]): string[] {
  return lines.map((l) => miner.add(l).template);
}

const SSHD = [
  "Dec 10 07:07:38 LabSZ sshd[24206]: input_userauth_request: invalid user test9 [preauth]",
  "Dec 10 07:08:28 LabSZ sshd[24208]: input_userauth_request: invalid user webmaster [preauth]",
  "Dec 10 09:12:32 LabSZ sshd[24490]: Failed password for invalid user ftpuser from 0.0.0.0 port 62891 ssh2",
  "Dec 10 09:12:35 LabSZ sshd[24492]: Failed password for invalid user pi from 0.0.0.0 port 49289 ssh2",
  "Dec 10 09:12:44 LabSZ sshd[24501]: Failed password for invalid user ftpuser from 0.0.0.0 port 60836 ssh2",
  "Dec 10 07:28:03 LabSZ sshd[24245]: input_userauth_request: invalid user pgadmin [preauth]",
];

describe("Drain3 parity (mode drain, no masks, treeWalk drain3)", () => {
  it("messages shorter than the depth: a repeated word joins its cluster, another word makes a new one", () => {
    const m = drain3Miner({ depth: 4 });
    expect(m.add("word").changeType).toBe("created");
    expect(m.add("word").changeType).toBe("none");
    expect(m.add("otherword").changeType).toBe("created");
    expect(m.clusterCount).toBe(2);
  });

  it("the last token of a short message is never a tree key (Drain3), unlike logparser's walk", () => {
    // depth 5: two token layers. Drain3 walks 1 token of a 2-token message, so "a b" and "a c" share
    // a leaf and merge (similarity 1/2 ≥ 0.4); logparser walks both tokens and keeps them apart.
    const d3 = drain3Miner({ depth: 5 });
    expect(online(d3, ["a b", "a c"])).toEqual(["a b", "a <*>"]);
    const lp = new TemplateMiner({ mode: "drain", masking: [], drain: { depth: 5 } });
    expect(online(lp, ["a b", "a c"])).toEqual(["a b", "a c"]);
  });

  it("default settings (depth 4, st 0.4): sshd lines get Drain3's online templates", () => {
    const m = drain3Miner();
    expect(online(m, SSHD)).toEqual([
      SSHD[0],
      "Dec 10 <*> LabSZ <*> input_userauth_request: invalid user <*> [preauth]",
      SSHD[2],
      "Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2",
      "Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2",
      "Dec 10 <*> LabSZ <*> input_userauth_request: invalid user <*> [preauth]",
    ]);
    expect(m.templates().reduce((a, t) => a + t.size, 0)).toBe(6);
  });

  it("similarity threshold 0.75: only the 'Failed password' lines are similar enough to merge", () => {
    const m = drain3Miner({ depth: 4, simThreshold: 0.75, maxChildren: 100 });
    expect(online(m, SSHD)).toEqual([
      SSHD[0],
      SSHD[1],
      SSHD[2],
      "Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2",
      "Dec 10 <*> LabSZ <*> Failed password for invalid user <*> from 0.0.0.0 port <*> ssh2",
      SSHD[5],
    ]);
  });

  it("max clusters 1: switching formats forgets the previous template", () => {
    const m = drain3Miner({ maxClusters: 1 });
    expect(online(m, ["A format 1", "A format 2", "B format 1", "B format 2", "A format 3"])).toEqual(["A format 1", "A format <*>", "B format 1", "B format <*>", "A format 3"]);
    expect(m.clusterCount).toBe(1);
  });

  it("LRU eviction across leaves: the least recently used template goes first", () => {
    const m = drain3Miner({ maxClusters: 2, depth: 4, paramString: "*" });
    const got = online(m, ["A A A", "A A B", "B A A", "B A B", "C A A", "C A B", "B A A", "A A A"]);
    // "B A A" is still cached as "B A *" (used after "A A *"), while "C A A" pushed "A A *" out.
    expect(got).toEqual(["A A A", "A A *", "B A A", "B A *", "C A A", "C A *", "B A *", "A A A"]);
    expect(m.templates().reduce((a, t) => a + t.size, 0)).toBe(4);
  });

  it("LRU eviction inside one leaf", () => {
    const m = drain3Miner({ maxClusters: 2, depth: 4, paramString: "*" });
    const got = online(m, ["A A A", "A A B", "A B A", "A B B", "A C A", "A C B", "A B A", "A A A"]);
    expect(got).toEqual(["A A A", "A A *", "A B A", "A B *", "A C A", "A C *", "A B *", "A A A"]);
  });

  it("match changes nothing and finds only full matches", () => {
    const d = new Drain({ treeWalk: "drain3" });
    for (const l of ["aa aa aa", "aa aa bb", "aa aa cc", "xx yy zz"]) d.add(l.split(" "));
    expect(d.match("aa aa tt".split(" "))?.id).toBe(1);
    expect(d.match("xx yy zz".split(" "))?.id).toBe(2);
    expect(d.match("xx yy rr".split(" "))).toBeNull();
    expect(d.match(["nothing"])).toBeNull();
  });

  it("a state saved before treeWalk existed loads with the logparser walk", () => {
    const m = new TemplateMiner({ mode: "drain", masking: [] });
    m.add("a b");
    const state = m.toState();
    delete (state.drain.options as Partial<DrainOptions>).treeWalk;
    expect(TemplateMiner.fromState(state).drainOptions.treeWalk).toBe("logparser");
  });

  it("a drain3 state keeps its walk across save and load; a logparser state is written as before", () => {
    const m = drain3Miner({ depth: 5 });
    m.add("a b");
    const state = JSON.parse(JSON.stringify(m.toState()));
    expect(state.drain.options.treeWalk).toBe("drain3");
    expect(TemplateMiner.fromState(state).add("a c").template).toBe("a <*>");
    expect("treeWalk" in new TemplateMiner({ mode: "drain" }).toState().drain.options).toBe(false);
  });

  it("an unknown treeWalk is refused", () => {
    expect(() => new Drain({ treeWalk: "python" as never })).toThrow(/treeWalk must be "logparser" or "drain3"/);
  });
});
