import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { lstmSequence } from "../../../lib/models/nn/lstm-op.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** The textbook LSTM with plain tf ops (Keras gate order), differentiated by autodiff. */
function referenceLstm(x: tf.Tensor2D, wx: tf.Tensor2D, wh: tf.Tensor2D, b: tf.Tensor1D, T: number, seq: boolean): tf.Tensor {
  const B = x.shape[0] / T;
  const H = wh.shape[0];
  let h = tf.zeros([B, H]) as tf.Tensor2D;
  let c = tf.zeros([B, H]) as tf.Tensor2D;
  const hs: tf.Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const z = tf.add(tf.add(tf.matMul(tf.slice(x, [t * B, 0], [B, x.shape[1]]), wx), tf.matMul(h, wh)), b);
    const [i, f, g, o] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f!), c), tf.mul(tf.sigmoid(i!), tf.tanh(g!))) as tf.Tensor2D;
    h = tf.mul(tf.sigmoid(o!), tf.tanh(c)) as tf.Tensor2D;
    hs.push(h);
  }
  return seq ? tf.concat(hs, 0) : h;
}

describe("recurrent ops", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  for (const returnSequences of [false, true]) {
    for (const T of [1, 4]) {
      it(`lstmSequence: values and hand-written BPTT gradients match autodiff (T=${T}, returnSequences=${returnSequences})`, () => {
        const B = 3;
        const D = 5;
        const H = 4;
        const x = tf.randomNormal([T * B, D], 0, 1, "float32", 1) as tf.Tensor2D;
        const wx = tf.randomNormal([D, 4 * H], 0, 0.5, "float32", 2) as tf.Tensor2D;
        const wh = tf.randomNormal([H, 4 * H], 0, 0.5, "float32", 3) as tf.Tensor2D;
        const b = tf.randomNormal([4 * H], 0, 0.5, "float32", 4) as tf.Tensor1D;
        const proj = tf.randomNormal([returnSequences ? T * B : B, H], 0, 1, "float32", 5);
        const fast = (...a: tf.Tensor[]) => tf.sum(tf.mul(lstmSequence(a[0] as tf.Tensor2D, a[1] as tf.Tensor2D, a[2] as tf.Tensor2D, a[3] as tf.Tensor1D, { steps: T, returnSequences }), proj));
        const ref = (...a: tf.Tensor[]) => tf.sum(tf.mul(referenceLstm(a[0] as tf.Tensor2D, a[1] as tf.Tensor2D, a[2] as tf.Tensor2D, a[3] as tf.Tensor1D, T, returnSequences), proj));
        expect(Math.abs(fast(x, wx, wh, b).dataSync()[0]! - ref(x, wx, wh, b).dataSync()[0]!)).toBeLessThan(1e-5);
        const g1 = tf.grads(fast)([x, wx, wh, b]);
        const g2 = tf.grads(ref)([x, wx, wh, b]);
        g1.forEach((g, i) => expect(maxDiff(g, g2[i]!)).toBeLessThan(1e-5));
        tf.dispose([x, wx, wh, b, proj, ...g1, ...g2]);
      });
    }
  }

  it("lstmSequence frees every intermediate tensor across a training step", () => {
    const x = tf.randomNormal([6, 2], 0, 1, "float32", 11) as tf.Tensor2D;
    const wx = tf.variable(tf.randomNormal([2, 8], 0, 0.5, "float32", 12));
    const wh = tf.variable(tf.randomNormal([2, 8], 0, 0.5, "float32", 13));
    const b = tf.variable(tf.zeros([8]));
    const opt = tf.train.adam(0.01);
    const step = () => opt.minimize(() => tf.sum(lstmSequence(x, wx as unknown as tf.Tensor2D, wh as unknown as tf.Tensor2D, b as unknown as tf.Tensor1D, { steps: 3, returnSequences: true })) as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    tf.dispose([x, wx, wh, b]);
  });
});
