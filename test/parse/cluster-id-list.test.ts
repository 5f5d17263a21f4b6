import { describe, expect, it } from "vitest";
import { ClusterIdList } from "../../lib/parse/cluster-id-list.js";

describe("ClusterIdList", () => {
  it("keeps ids across its 2^20-id blocks and slices across block ends", () => {
    const list = new ClusterIdList();
    const n = (1 << 20) * 2 + 5;
    for (let i = 0; i < n; i++) list.push(i % 1000 === 0 ? -i : i);
    expect(list.length).toBe(n);
    expect(list.get(0)).toBe(0);
    expect(list.get(1 << 20)).toBe(1 << 20);
    expect(list.get(1000)).toBe(-1000);
    const s = list.slice((1 << 20) - 3, (1 << 20) + 3);
    expect([...s]).toEqual([(1 << 20) - 3, (1 << 20) - 2, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (1 << 20) + 2]);
    expect(list.slice(5, 5)).toHaveLength(0);
  });
});
