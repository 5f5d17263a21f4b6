import { describe, expect, it } from "vitest";
import { TreeNodes } from "../../../lib/models/classic/tree-nodes.js";

/** root: x0 <= 1 ? leaf A : (x1 <= 5 ? leaf B : leaf C), values of width 2. */
function handTree(): TreeNodes {
  const t = new TreeNodes(2);
  const root = t.addNode([0.5, 0.5]);
  const a = t.addNode([1, 0]);
  const inner = t.addNode([0.2, 0.8]);
  t.setSplit(root, 0, 1, a, inner);
  const b = t.addNode([0.4, 0.6]);
  const c = t.addNode([0, 1]);
  t.setSplit(inner, 1, 5, b, c);
  return t;
}

describe("TreeNodes", () => {
  it("a new node is a leaf; size, leaves and depth count what was built", () => {
    const single = new TreeNodes(1);
    expect(single.addNode([3])).toBe(0);
    expect([single.size, single.leaves, single.depth]).toEqual([1, 1, 0]);
    const t = handTree();
    expect([t.size, t.leaves, t.depth]).toEqual([5, 3, 2]);
    expect(t.feature).toEqual([0, -1, 1, -1, -1]);
  });

  it("leafOf follows x[feature] <= threshold to the left (ties go left)", () => {
    const t = handTree();
    expect(t.leafOf([1, 100])).toBe(1);
    expect(t.leafOf([1.01, 5])).toBe(3);
    expect(t.leafOf([2, 5.5])).toBe(4);
    expect([t.value(3, 0), t.value(3, 1), t.value(4)]).toEqual([0.4, 0.6, 0]);
  });

  it("accumulate adds scale × leaf values into each row's output", () => {
    const out = [new Float64Array([1, 1]), new Float64Array(2)];
    handTree().accumulate([[0, 0], [9, 9]], out, 0.5);
    expect(out.map((o) => Array.from(o))).toEqual([
      [1.5, 1],
      [0, 0.5],
    ]);
  });

  it("JSON round trip gives the same tree; inconsistent arrays are an error", () => {
    const t = handTree();
    const back = TreeNodes.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(back.toJSON()).toEqual(t.toJSON());
    expect(back.leafOf([2, 0])).toBe(3);
    const j = t.toJSON();
    expect(() => TreeNodes.fromJSON({ ...j, values: j.values.slice(1) })).toThrow("tree: inconsistent node arrays (5 nodes)");
    expect(() => TreeNodes.fromJSON({ ...j, left: [] })).toThrow(/inconsistent node arrays/);
    // toJSON copies: changing it does not change the tree.
    j.feature[0] = 1;
    expect(t.feature[0]).toBe(0);
  });
});
