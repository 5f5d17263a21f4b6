import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { firstShape, keysOf, knownLastDim, oneShape, oneTensor, recurrentOutputShape } from "../../../lib/models/nn/layer-args.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("layer argument helpers", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("oneTensor: the tensor, or the only one of a list; more is an error", () => {
    tf.tidy(() => {
      const a = tf.zeros([1]);
      expect(oneTensor(a)).toBe(a);
      expect(oneTensor([a])).toBe(a);
      expect(() => oneTensor([a, a])).toThrow("expected one input tensor, got 2");
      expect(() => oneTensor([])).toThrow("expected one input tensor, got 0");
    });
  });

  it("oneShape: a shape, or the only shape of a list; firstShape: the first of a list", () => {
    expect(oneShape([null, 4])).toEqual([null, 4]);
    expect(oneShape([[null, 3, 4]])).toEqual([null, 3, 4]);
    expect(() => oneShape([[1], [2]])).toThrow("expected one input shape, got 2");
    expect(firstShape([[null, 5, 8], [null, 5]])).toEqual([null, 5, 8]);
    expect(firstShape([null, 5, 8])).toEqual([null, 5, 8]);
  });

  it("knownLastDim: the last dimension, or an error naming the layer", () => {
    expect(knownLastDim([null, null, 16], "dense_1")).toBe(16);
    expect(() => knownLastDim([null, null], "dense_1")).toThrow("dense_1: the input's last dimension must be known");
    expect(() => knownLastDim([null, null], "pool", "states'")).toThrow("pool: the states' last dimension must be known");
  });

  it("recurrentOutputShape: [B, T, units] with returnSequences, else [B, units]", () => {
    expect(recurrentOutputShape([null, 7, 3], 5, true)).toEqual([null, 7, 5]);
    expect(recurrentOutputShape([2, 7, 3], 5, false)).toEqual([2, 5]);
  });

  it("keysOf: integer keys of a float tensor, rounded", () => {
    tf.tidy(() => {
      expect(Array.from(keysOf(tf.tensor2d([[0, 1.0000001], [2.9999, 7]])))).toEqual([0, 1, 3, 7]);
    });
  });
});
