import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { classifierExamples, distinctSessionItems, lengthBatches, paddedKeys, scoreDistinctSessions, sessionClassWeights } from "../../../lib/models/sequence/session-batches.js";
import { SequenceVocabulary } from "../../../lib/models/sequence/sequence-vocabulary.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

const vocab = SequenceVocabulary.fit([[10, 20, 30]]); // input indices 10→1, 20→2, 30→3, unknown → 4

describe("distinctSessionItems", () => {
  it("one item per distinct (sequence, label), counted; keys as input indices; longer sessions keep their last keys", () => {
    const d = distinctSessionItems([[10, 20], [10, 20], [10, 20], [30, 10, 20, 99], []], [0, 1, 0, 1, 0], vocab, 3);
    expect(d.inputs.map((r) => Array.from(r))).toEqual([[1, 2], [1, 2], [1, 2, 4], [0]]);
    expect(Array.from(d.labels)).toEqual([0, 1, 1, 0]);
    expect(Array.from(d.counts)).toEqual([2, 1, 1, 1]);
    expect(Array.from(d.itemOf)).toEqual([0, 1, 0, 2, 3]);
  });

  it("truncation happens before deduplication; unlabelled sessions get label 0", () => {
    const d = distinctSessionItems([[30, 10, 20], [20, 10, 20]], undefined, vocab, 2);
    expect(d.inputs.map((r) => Array.from(r))).toEqual([[1, 2]]);
    expect(Array.from(d.counts)).toEqual([2]);
    expect(Array.from(d.labels)).toEqual([0]);
  });
});

describe("paddedKeys", () => {
  beforeAll(async () => {
    await selectBackend();
  });
  it("pads with 0 to the longest item, on the left or on the right", () => {
    tf.tidy(() => {
      const rows = [Int32Array.of(1, 2, 3), Int32Array.of(4)];
      expect(paddedKeys(rows, "left").arraySync()).toEqual([[1, 2, 3], [0, 0, 4]]);
      expect(paddedKeys(rows, "right").arraySync()).toEqual([[1, 2, 3], [4, 0, 0]]);
      expect(paddedKeys([], "left").shape).toEqual([0, 1]);
    });
  });
});

describe("lengthBatches", () => {
  const items = [3, 1, 3, 2, 3, 3, 1].map((n) => new Int32Array(n).fill(1));

  it("every item exactly once, each batch of one length, at most batchSize items and maxBatchKeys keys", () => {
    const batches = lengthBatches(items, 3, new Rng(1), 6);
    expect(batches.flatMap((b) => Array.from(b)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const b of batches) {
      const lengths = new Set(Array.from(b, (i) => items[i]!.length));
      expect(lengths.size).toBe(1);
      const len = [...lengths][0]!;
      expect(b.length).toBeLessThanOrEqual(Math.min(3, Math.floor(6 / len)));
    }
    // Four items of length 3 with at most 6 keys per batch: two per batch.
    expect(batches.filter((b) => items[b[0]!]!.length === 3).map((b) => b.length)).toEqual([2, 2]);
  });

  it("seeded: same order for the same seed, another for another; a batch holds one item even when it is longer than maxBatchKeys", () => {
    const order = (seed: number) => lengthBatches(items, 2, new Rng(seed)).map((b) => Array.from(b));
    expect(order(4)).toEqual(order(4));
    expect(order(4)).not.toEqual(order(5));
    expect(lengthBatches([new Int32Array(10)], 8, new Rng(1), 4).map((b) => Array.from(b))).toEqual([[0]]);
  });
});

describe("class weights, classifier examples and distinct-session scoring", () => {
  const d = distinctSessionItems([[10], [10], [10], [20, 30], [30]], [0, 0, 0, 1, 0], vocab, 8);

  it("sessionClassWeights: N / (2·N_c) over sessions with repetition; 1 for an absent class", () => {
    expect(sessionClassWeights(d)).toEqual([5 / 8, 5 / 2]);
    expect(sessionClassWeights(distinctSessionItems([[10]], undefined, vocab, 4))).toEqual([0.5, 1]);
  });

  it("classifierExamples: padded keys, [B, 1] labels, weight = count × class weight, exact-length batches", () => {
    const ex = classifierExamples(d, [0.5, 2], "left");
    expect(ex.count).toBe(3);
    tf.tidy(() => {
      const b = ex.batch(Int32Array.of(1, 0, 2));
      expect((b.x as tf.Tensor).arraySync()).toEqual([[2, 3], [0, 1], [0, 3]]);
      expect(b.y.arraySync()).toEqual([[1], [0], [0]]);
      expect(Array.from(b.w.dataSync())).toEqual([2, 1.5, 0.5]);
    });
    const batches = ex.batches!(new Rng(1), 10);
    expect(batches.map((b) => Array.from(b).sort())).toContainEqual([1]);
  });

  it("scoreDistinctSessions scores each distinct item once and gives every session its item's score", () => {
    const asked: number[] = [];
    const s = scoreDistinctSessions(d, 2, 100, (idx) => {
      asked.push(...idx);
      return Array.from(idx, (i) => 10 * i + d.inputs[i]!.length);
    });
    expect(asked.sort()).toEqual([0, 1, 2]);
    expect(Array.from(s)).toEqual([1, 1, 1, 12, 21]);
  });
});
