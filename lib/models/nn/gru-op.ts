import * as tf from "@tensorflow/tfjs";
import { dense2d, sliceColumns, sliceRows, tanhFast } from "./fast-ops.js";

/**
 * A GRU layer over a time-major sequence ([T·B, D] → [B, H] or [T·B, H]), Keras' formulation
 * with `reset_after` (TF 2's default): z = σ(x·Wz + h·Uz + b), r = σ(x·Wr + h·Ur + b),
 * n = tanh(x·Wn + bxn + r ⊙ (h·Un + bhn)), h' = z ⊙ h + (1 − z) ⊙ n; zero initial state.
 *
 * Differentiated by autodiff, but built only from kernels that are fast on wasm (see
 * fast-ops.ts): input-side matMuls for all steps at once, per-step slices that read the heap in
 * place, tanh through sigmoid, matMul gradients with explicit transposes.
 *
 * @param kernel [D, 3H] columns [z | r | n]; @param recurrentKernel [H, 3H]; @param bias [2, 3H]
 * (input bias, recurrent bias).
 */
export function gruSequence(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor2D,
  args: { steps: number; returnSequences: boolean },
): tf.Tensor2D {
  const T = args.steps;
  const B = x.shape[0] / T;
  if (!Number.isInteger(B)) throw new Error(`gruSequence: ${x.shape[0]} rows do not divide into ${T} steps`);
  const H = recurrentKernel.shape[0];
  const xb = tf.reshape(sliceRows(bias, 0, 1), [3 * H]) as tf.Tensor1D;
  const hb = tf.reshape(sliceRows(bias, 1, 1), [3 * H]) as tf.Tensor1D;
  const xp = dense2d(x, kernel, xb); // [T·B, 3H]
  // h0 = 0; the first step still goes through h·U (all zeros) so that U always has a gradient.
  let h = tf.zeros([B, H]) as tf.Tensor2D;
  const hs: tf.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const xt = sliceRows(xp, t * B, B);
    const hu = dense2d(h, recurrentKernel, hb);
    const z = tf.sigmoid(tf.add(sliceColumns(xt, 0, H), sliceColumns(hu, 0, H)));
    const r = tf.sigmoid(tf.add(sliceColumns(xt, H, H), sliceColumns(hu, H, H)));
    const n = tanhFast(tf.add(sliceColumns(xt, 2 * H, H), tf.mul(r, sliceColumns(hu, 2 * H, H))));
    h = tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
    hs.push(h);
  }
  return args.returnSequences ? (tf.concat(hs, 0) as tf.Tensor2D) : h;
}
