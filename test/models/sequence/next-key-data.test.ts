import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { indexNextKeyWindows } from "../../../lib/features/next-key-windows.js";
import { nextKeyExamples, windowInputIndices } from "../../../lib/models/sequence/next-key-data.js";
import { SequenceVocabulary } from "../../../lib/models/sequence/sequence-vocabulary.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

const vocab = SequenceVocabulary.fit([[1, 2, 3]]); // V = 3; unknown input index 4

describe("windowInputIndices", () => {
  it("pad → 0, known keys → 1…V, unknown → V + 1 (and says a key was unknown), written at the offset", () => {
    const out = new Int32Array(6).fill(-9);
    expect(windowInputIndices([3, -1, 1], vocab, -1, out, 2)).toBe(true);
    expect(Array.from(out)).toEqual([-9, -9, 3, 0, 1, -9]);
    expect(windowInputIndices([7, 2], vocab, -1, out, 0)).toBe(false);
    expect(Array.from(out.subarray(0, 2))).toEqual([4, 2]);
  });
});

describe("nextKeyExamples", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("one example per distinct pair with known keys, weighted by the pair's count; the rest are skipped", () => {
    // Window 2: pairs ([1,2]→3) ×2 and ([2,3]→1) are kept; ([2,3]→9) has an unknown next key,
    // ([3,9]→1) and ([9,1]→2) an unknown window key, and the padded short session [3] gives ([3,pad]→pad).
    const index = indexNextKeyWindows([[1, 2, 3, 1], [1, 2, 3], [2, 3, 9, 1, 2], [3]], { window: 2 });
    const ex = nextKeyExamples(index, vocab);
    const pairs = Array.from({ length: ex.count }, (_, i) => [Array.from(ex.inputs.subarray(i * 2, i * 2 + 2)), ex.targets[i], ex.weights[i]]);
    expect(pairs).toEqual([
      [[1, 2], 2, 2],
      [[2, 3], 0, 1],
    ]);
    expect(ex.skipped).toBe(index.pairNext.length - 2);
    expect(ex.skipped).toBe(4);
  });

  it("batch(): [n, window] inputs, one-hot [n, V] targets and the weights", () => {
    const ex = nextKeyExamples(indexNextKeyWindows([[1, 2, 3, 1], [1, 2, 3]], { window: 2 }), vocab);
    tf.tidy(() => {
      const b = ex.batch(Int32Array.of(1, 0, 1));
      expect((b.x as tf.Tensor).arraySync()).toEqual([[2, 3], [1, 2], [2, 3]]);
      expect(b.y.arraySync()).toEqual([[1, 0, 0], [0, 0, 1], [1, 0, 0]]);
      expect(Array.from(b.w.dataSync())).toEqual([1, 2, 1]);
    });
  });
});
