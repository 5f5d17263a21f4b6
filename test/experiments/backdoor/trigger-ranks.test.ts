import { describe, expect, it } from "vitest";
import { triggerRankRows, triggerRankTable, type KeyRanker } from "../../../lib/experiments/backdoor/trigger-ranks.js";
import type { SessionSet } from "../../../lib/models/detector.js";

/** A stand-in ranker: keys ≥ 90 (M) rank 40 unless the key before is 71 or ≥ 90 (after H or inside M), every other key rank 1; the first key is context only. */
const ranker: KeyRanker = {
  topG: 5,
  positionRanks: (x: SessionSet) =>
    x.sequences.map((s) => Int32Array.from(s, (k, i) => (i === 0 ? 0 : k >= 90 ? (s[i - 1] === 71 || s[i - 1]! >= 90 ? 2 : 40) : 1))),
};

describe("triggerRankRows", () => {
  const trigger = { head: [70, 71], tail: [80], attack: [90, 91] };
  const study = { trigger, config: { poison: { ratio: 0.1, minLength: 10, every: 50 } } } as Parameters<typeof triggerRankRows>[3];
  const normals = [
    [1, 2, 3, 4, 5],
    [1, 2, 3],
  ];

  it("labels each inserted key and the keys after it, with its median rank and the share outside g", () => {
    const rows = triggerRankRows("toy", ranker, normals, study, 2);
    const attack = rows.filter((r) => r.insertion === "attack [H, M, T]");
    expect(attack.map((r) => r.key)).toEqual(["H1", "H2", "M1", "M2", "T1", "after 1", "after 2"]);
    expect(attack.find((r) => r.key === "M1")).toMatchObject({ ranked: 2, medianRank: 2, missed: 0 }); // after H
    const control = rows.filter((r) => r.insertion === "control M");
    expect(control.find((r) => r.key === "M1")).toMatchObject({ medianRank: 40, missed: 1 }); // without H
    expect(control.find((r) => r.key === "M2")).toMatchObject({ medianRank: 2, missed: 0 }); // after M1
    const three = triggerRankRows("toy", ranker, normals, study, 3).filter((r) => r.insertion === "control M");
    expect(three.find((r) => r.key === "after 2")!.ranked).toBe(2);
    expect(three.find((r) => r.key === "after 3")!.ranked).toBe(1); // [1, 2, 3] ends two keys after M
  });

  it("puts models side by side", () => {
    const rows = [...triggerRankRows("a", ranker, normals, study, 1), ...triggerRankRows("b", { ...ranker, topG: 50 }, normals, study, 1)];
    const table = triggerRankTable(rows);
    const m1 = table.find((r) => r.insertion === "control M" && r.key === "M1")!;
    expect(m1).toMatchObject({ "a: median rank": 40, "a: missed": 1, "b: median rank": 40, "b: missed": 0 });
  });
});
