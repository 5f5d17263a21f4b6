import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { keyMask } from "../../../lib/models/nn/key-mask.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("keyMask", () => {
  beforeAll(async () => {
    await selectBackend();
  });
  it("1 for real keys (index ≥ 1), 0 for padding (index 0), as float32 [B, T]", () => {
    tf.tidy(() => {
      const m = keyMask(tf.tensor2d([
        [0, 2, 0.4, 1],
        [5, 0, 0, 0.6],
      ]));
      expect(m.dtype).toBe("float32");
      expect(m.shape).toEqual([2, 4]);
      expect(m.arraySync()).toEqual([
        [0, 1, 0, 1],
        [1, 0, 0, 1],
      ]);
    });
  });
});
