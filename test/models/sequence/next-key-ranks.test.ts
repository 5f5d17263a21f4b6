import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { indexNextKeyWindows } from "../../../lib/features/next-key-windows.js";
import { rankNextKeys, sessionMaxRanks, sessionMissCounts, sessionMissShares, topMass } from "../../../lib/models/sequence/next-key-ranks.js";
import { SequenceVocabulary } from "../../../lib/models/sequence/sequence-vocabulary.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

const vocab = SequenceVocabulary.fit([[1, 2, 3]]); // outputs: key 1 → 0, 2 → 1, 3 → 2

/** A stand-in model: the same logits for every window, counting the rows it is asked for. */
function fixedModel(logits: number[]): { model: tf.LayersModel; rows: number[] } {
  const rows: number[] = [];
  const model = {
    predict: (x: tf.Tensor) => {
      rows.push(x.shape[0]!);
      return tf.tile(tf.tensor2d([logits]), [x.shape[0]!, 1]);
    },
  } as unknown as tf.LayersModel;
  return { model, rows };
}

describe("rankNextKeys", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("rank = 1 + keys with a strictly higher logit; unknown or padding next keys and windows with unknown keys get V + 1", () => {
    // Logits [3, 1, 2]: key 1 ranks 1, key 3 ranks 2, key 2 ranks 3.
    const index = indexNextKeyWindows([[1, 2, 3, 1], [2, 3, 9], [9, 1, 2], [3]], { window: 2 });
    const { model, rows } = fixedModel([3, 1, 2]);
    const r = rankNextKeys(model, index, vocab, 2);
    const byPair = Array.from(index.pairNext, (next, p) => [Array.from(index.windows.subarray(index.pairWindow[p]! * 2, index.pairWindow[p]! * 2 + 2)).join(","), next, r.pairRank[p]]);
    expect(byPair).toEqual([
      ["1,2", 3, 2],
      ["2,3", 1, 1],
      ["2,3", 9, 4],
      ["9,1", 2, 4],
      ["3,-1", -1, 4],
    ]);
    // Only windows that are needed (a known next key) and predictable (known keys) go through the model, each once.
    expect(r.windowsPredicted).toBe(2);
    expect(rows).toEqual([2]);
    expect(Array.from(r.windowRow)).toEqual([0, 1, -1, -1]);
    expect(Array.from(r.logits)).toEqual([3, 1, 2, 3, 1, 2]);
  });

  it("ties share the better rank; the batch size does not change the answer", () => {
    const index = indexNextKeyWindows([[1, 2, 1], [2, 3, 2], [3, 1, 3]], { window: 2 });
    const a = rankNextKeys(fixedModel([1, 1, 0]).model, index, vocab, 1);
    const b = rankNextKeys(fixedModel([1, 1, 0]).model, index, vocab, 100);
    expect(Array.from(a.pairRank)).toEqual([1, 1, 3]);
    expect(Array.from(b.pairRank)).toEqual(Array.from(a.pairRank));
  });
});

describe("topMass", () => {
  it("cumulative softmax mass of the top g predictions, column 0 is 0, capped at 1", () => {
    // Softmax of [0, ln 3] = [0.25, 0.75].
    const m = topMass({ pairRank: new Int32Array(0), windowRow: new Int32Array(0), logits: Float32Array.of(0, Math.log(3), 5, 5), windowsPredicted: 2, modelSeconds: 0 }, 2, 3);
    expect(m).toHaveLength(8);
    expect(m[0]).toBe(0);
    expect(m[1]).toBeCloseTo(0.75, 6);
    expect(m[2]).toBeCloseTo(1, 6);
    expect(m[3]).toBeCloseTo(1, 6);
    expect(m[5]).toBeCloseTo(0.5, 6);
  });
});

describe("sessionMaxRanks", () => {
  it("the worst pair rank per session; V + 1 for a session with an unknown key; emptyScore without pairs", () => {
    const sequences = [[1, 2, 3, 1], [2, 3, 1], [1, 2, 9], [1]];
    const index = indexNextKeyWindows(sequences, { window: 2, padding: "none" });
    // Pairs: ([1,2]→3), ([2,3]→1), ([1,2]→9).
    const s = sessionMaxRanks(index, Int32Array.of(2, 1, 4), sequences, vocab, -5);
    expect(Array.from(s)).toEqual([2, 1, 4, -5]);
  });
});

describe("sessionMissShares", () => {
  it("the share of a session's windows whose next key ranks outside the top g, position by position", () => {
    const sequences = [[1, 2, 3, 1, 2, 3], [2, 3, 1], [1, 2, 9], [1]];
    const index = indexNextKeyWindows(sequences, { window: 2, padding: "none", positions: true });
    // Pairs: ([1,2]→3) 0, ([2,3]→1) 1, ([3,1]→2) 2, ([1,2]→9) 3.
    const ranks = Int32Array.of(2, 1, 5, 4);
    // Session 0 predicts 3, 1, 2, 3: ranks 2, 1, 5, 2.
    expect(Array.from(sessionMissShares(index, ranks, 1))).toEqual([3 / 4, 0, 1, 1]);
    expect(Array.from(sessionMissShares(index, ranks, 2))).toEqual([1 / 4, 0, 1, 1]);
    expect(Array.from(sessionMissShares(index, ranks, 5))).toEqual([0, 0, 0, 1]);
    // The miss-count rule: the same misses, counted (a session without windows counts 1).
    expect(Array.from(sessionMissCounts(index, ranks, 1))).toEqual([3, 0, 1, 1]);
    expect(Array.from(sessionMissCounts(index, ranks, 2))).toEqual([1, 0, 1, 1]);
  });

  it("needs an index with positions", () => {
    const index = indexNextKeyWindows([[1, 2, 3]], { window: 2, padding: "none" });
    expect(() => sessionMissShares(index, Int32Array.of(1), 1)).toThrow(/positions/);
  });
});
