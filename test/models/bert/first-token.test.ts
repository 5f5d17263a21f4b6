import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { FirstToken } from "../../../lib/models/bert/first-token.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("FirstToken", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("takes position 0 of every sequence, and routes the gradient there only", () => {
    const l = new FirstToken();
    expect(l.computeOutputShape([null, null, 3])).toEqual([null, 3]);
    tf.tidy(() => {
      const x = tf.tensor3d([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [0, 1, 2]]]);
      expect((l.apply(x) as tf.Tensor).arraySync()).toEqual([[1, 2, 3], [7, 8, 9]]);
      const g = tf.grad((t: tf.Tensor) => tf.sum(l.apply(t) as tf.Tensor))(x);
      expect(g.arraySync()).toEqual([[[1, 1, 1], [0, 0, 0]], [[1, 1, 1], [0, 0, 0]]]);
    });
  });
});
