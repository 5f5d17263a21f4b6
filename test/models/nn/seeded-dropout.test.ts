import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { SeededDropout } from "../../../lib/models/nn/seeded-dropout.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff } from "./nn-helpers.js";

describe("SeededDropout", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("identity outside training; in training zeroes about `rate` and scales the rest by 1/(1−rate)", () => {
    const l = new SeededDropout({ rate: 0.25, seed: 1 });
    tf.tidy(() => {
      const x = tf.ones([100, 100]);
      expect(maxDiff(l.apply(x) as tf.Tensor, x)).toBe(0);
      const y = (l.apply(x, { training: true }) as tf.Tensor).dataSync();
      const zeros = y.filter((v) => v === 0).length;
      expect(zeros / y.length).toBeGreaterThan(0.22);
      expect(zeros / y.length).toBeLessThan(0.28);
      expect(y.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    });
  });

  it("a new mask on every call, the same sequence of masks for the same seed", () => {
    const a = new SeededDropout({ rate: 0.5, seed: 7 });
    const b = new SeededDropout({ rate: 0.5, seed: 7 });
    tf.tidy(() => {
      const x = tf.ones([8, 8]);
      const a1 = a.apply(x, { training: true }) as tf.Tensor;
      const a2 = a.apply(x, { training: true }) as tf.Tensor;
      expect(maxDiff(a1, a2)).toBeGreaterThan(0);
      expect(maxDiff(a1, b.apply(x, { training: true }) as tf.Tensor)).toBe(0);
      expect(maxDiff(a2, b.apply(x, { training: true }) as tf.Tensor)).toBe(0);
    });
    expect(() => new SeededDropout({ rate: 1, seed: 1, name: "d" })).toThrow("d: dropout rate must be in [0, 1)");
    expect(a.getConfig()).toMatchObject({ rate: 0.5, seed: 7 });
  });
});
