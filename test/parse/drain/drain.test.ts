import { describe, expect, it } from "vitest";
import { Drain } from "../../../lib/parse/drain/drain.js";

const tok = (s: string): string[] => s.split(" ");

describe("Drain core (logparser semantics)", () => {
  it("creates, then generalises a template, reporting the change", () => {
    const d = new Drain({ depth: 4, simThreshold: 0.5 });
    const a = d.add(tok("PacketResponder 1 for block <*> terminating"));
    expect(a.changeType).toBe("created");
    const b = d.add(tok("PacketResponder 0 for block <*> terminating"));
    expect(b.changeType).toBe("templateChanged");
    expect(b.cluster.tokens).toEqual(tok("PacketResponder <*> for block <*> terminating"));
    expect(d.add(tok("PacketResponder 2 for block <*> terminating")).changeType).toBe("none");
    expect(d.clusterCount).toBe(1);
    expect(d.cluster(1)!.size).toBe(3);
  });

  it("keeps messages below the similarity threshold apart", () => {
    // "root" vs "test": 6 of 9 tokens equal (wildcards do not count) → similarity 0.67.
    const strict = new Drain({ depth: 4, simThreshold: 0.75 });
    strict.add(tok("Failed password for root from <*> port <*> ssh2"));
    expect(strict.add(tok("Failed password for test from <*> port <*> ssh2")).changeType).toBe("created");
    const loose = new Drain({ depth: 4, simThreshold: 0.6 });
    loose.add(tok("Failed password for root from <*> port <*> ssh2"));
    expect(loose.add(tok("Failed password for test from <*> port <*> ssh2")).changeType).toBe("templateChanged");
    expect(loose.add(tok("Failed password for invalid user admin from <*> port")).changeType).toBe("created"); // other length
  });

  it("routes tokens with digits to the wildcard child, and first tokens beyond maxChildren too", () => {
    const d = new Drain({ depth: 4, simThreshold: 0.4, maxChildren: 3 });
    d.add(tok("alpha x"));
    d.add(tok("beta x"));
    d.add(tok("gamma x")); // third child of the length-2 node: becomes the <*> child
    d.add(tok("delta x")); // goes under <*>, joins gamma's leaf
    const tree = d.toJSON().tree[0]!;
    expect(tree.children.map((c) => c.key)).toEqual(["alpha", "beta", "<*>"]);
    d.add(tok("9lives x"));
    expect(d.toJSON().tree[0]!.children.map((c) => c.key)).toEqual(["alpha", "beta", "<*>"]);
  });

  it("evicts the least recently used cluster beyond maxClusters", () => {
    const d = new Drain({ depth: 4, simThreshold: 0.9, maxClusters: 2 });
    const evicted: number[] = [];
    d.onEvict = (id) => evicted.push(id);
    d.add(tok("a b c"));
    d.add(tok("d e f"));
    d.add(tok("a b c")); // touches cluster 1
    d.add(tok("g h i")); // evicts cluster 2 (least recently used)
    expect(evicted).toEqual([2]);
    expect(d.clusters().map((c) => c.id)).toEqual([1, 3]);
    expect(d.match(tok("d e f"))).toBeNull();
  });

  it("match never changes state and needs the template to cover the message", () => {
    const d = new Drain({ depth: 4, simThreshold: 0.4 });
    d.add(tok("open file a.txt ok"));
    d.add(tok("open file b.txt ok"));
    const before = JSON.stringify(d.toJSON());
    expect(d.match(tok("open file z.txt ok"))!.id).toBe(1);
    expect(d.match(tok("open file z.txt failed"))).toBeNull();
    expect(d.match(tok("open dir z.txt ok"), "fallback")).toBeNull();
    expect(JSON.stringify(d.toJSON())).toBe(before);
  });

  it("validates options by name", () => {
    expect(() => new Drain({ depth: 2 })).toThrow(/depth must be an integer ≥ 3/);
    expect(() => new Drain({ simThreshold: 1.5 })).toThrow(/simThreshold/);
    expect(() => new Drain({ nope: 1 } as never)).toThrow(/unknown option "nope"/);
  });

  it("round-trips the whole tree through toJSON/fromJSON and rejects inconsistent snapshots", () => {
    const d = new Drain({ depth: 5, simThreshold: 0.5, maxClusters: 10 });
    for (const s of ["a 1 b", "a 2 b", "c d", "x y z w", "x y q w", "e f g h i"]) d.add(tok(s));
    const snap = d.toJSON();
    const again = Drain.fromJSON(JSON.parse(JSON.stringify(snap)));
    expect(again.toJSON()).toEqual(snap);
    const bad = JSON.parse(JSON.stringify(snap));
    bad.tree[0].children = [];
    expect(() => Drain.fromJSON(bad)).toThrow(/is in no leaf|unknown cluster|sits under/);
  });
});
