import { describe, expect, it } from "vitest";
import { readKeySessions } from "../../lib/io/key-files.js";
import { indexNextKeyWindows, nextKeyWindowAt, padForNextKey, padLead } from "../../lib/features/next-key-windows.js";
import { dataPath } from "../../lib/runtime/project.js";

describe("indexNextKeyWindows", () => {
  it("compresses HDFS's 46,575 training windows to 4,092 distinct (window, next) pairs", () => {
    const train = readKeySessions(dataPath("hdfs-deeplog", "hdfs_train"));
    const idx = indexNextKeyWindows(train.sequences, { window: 10, padding: "none" });
    expect(idx.totalPairs).toBe(46575);
    expect(idx.pairCount.length).toBe(4092);
    expect(idx.distinctSessions).toBe(839);
    let sum = 0;
    for (const c of idx.pairCount) sum += c;
    expect(sum).toBe(46575);
    expect(idx.windowCount).toBeLessThanOrEqual(4092);
  });

  it("counts every occurrence and lists each session's distinct pairs", () => {
    const seqs = [
      [1, 2, 1, 2, 1],
      [1, 2, 1, 2, 1],
      [3, 1, 2],
    ];
    const idx = indexNextKeyWindows(seqs, { window: 2, padding: "none", positions: true });
    // windows: [1,2]→1 (×2 per session), [2,1]→2 (×1 per session); [3,1]→2
    expect(idx.totalPairs).toBe(3 + 3 + 1);
    const pairs = Array.from(idx.pairNext, (next, p) => ({ w: Array.from(nextKeyWindowAt(idx, idx.pairWindow[p]!)), next, count: idx.pairCount[p] }));
    expect(pairs).toEqual([
      { w: [1, 2], next: 1, count: 4 },
      { w: [2, 1], next: 2, count: 2 },
      { w: [3, 1], next: 2, count: 1 },
    ]);
    expect(Array.from(idx.sessionPairs.subarray(idx.sessionOffsets[0], idx.sessionOffsets[1]))).toEqual([0, 1]);
    expect(Array.from(idx.positionPairs!.subarray(idx.positionOffsets![0], idx.positionOffsets![1]))).toEqual([0, 1, 0]);
    expect(idx.distinctSessions).toBe(2);
  });

  it("pads short sessions as the reference code does (at the end, with -1, to window + 1 keys)", () => {
    expect(padForNextKey([5, 6], 4, "reference")).toEqual([5, 6, -1, -1, -1]);
    expect(padForNextKey([5, 6], 4, "left")).toEqual([-1, -1, -1, 5, 6]);
    expect(padForNextKey([5, 6], 4, "none")).toEqual([5, 6]);
    const idx = indexNextKeyWindows([[5, 6]], { window: 4 });
    expect(idx.totalPairs).toBe(1);
    expect(idx.pairNext[0]).toBe(-1);
    const none = indexNextKeyWindows([[5, 6]], { window: 4, padding: "none" });
    expect(none.totalPairs).toBe(0);
    expect(none.sessionsWithoutPairs).toBe(1);
  });

  it("start padding puts window pads before every session, so every key (the first included) is a next key", () => {
    expect(padForNextKey([5, 6], 3, "start")).toEqual([-1, -1, -1, 5, 6]);
    expect(padForNextKey([1, 2, 3, 4, 5], 2, "start")).toEqual([-1, -1, 1, 2, 3, 4, 5]);
    expect(padForNextKey([], 2, "start")).toEqual([]);
    const idx = indexNextKeyWindows([[1, 2, 3, 4, 5]], { window: 2, padding: "start", positions: true });
    expect(idx.totalPairs).toBe(5); // one pair per key; "left" gives 3 (keys 3, 4, 5)
    expect(indexNextKeyWindows([[1, 2, 3, 4, 5]], { window: 2, padding: "left" }).totalPairs).toBe(3);
    expect(Array.from(idx.pairNext)).toEqual([1, 2, 3, 4, 5]);
    expect(padLead(5, 2, "start")).toBe(2);
    expect(padLead(2, 4, "left")).toBe(3);
    expect(padLead(9, 4, "left")).toBe(0);
    expect(padLead(2, 4, "reference")).toBe(0);
  });

  it("does not change its input", () => {
    const seqs = [[1, 2, 3]];
    indexNextKeyWindows(seqs, { window: 5, padding: "left" });
    expect(seqs).toEqual([[1, 2, 3]]);
  });

  it("rejects a window that is not a positive integer", () => {
    expect(() => indexNextKeyWindows([[1, 2]], { window: 0 })).toThrow(/window/);
  });
});
