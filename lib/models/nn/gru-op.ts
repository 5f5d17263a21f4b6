import * as tf from "@tensorflow/tfjs";
import { customGradOp, dense2d, sliceColumns, sliceRows, sumRows } from "./fast-ops.js";

/**
 * A GRU layer over a time-major sequence ([T·B, D] → [B, H] or [T·B, H]) as one differentiable
 * op with hand-written back-propagation through time, like {@link lstmSequence}. Keras'
 * formulation with `reset_after` (TF 2's default):
 *   z = σ(x·Wz + bxz + h·Uz + bhz), r = σ(x·Wr + bxr + h·Ur + bhr),
 *   n = tanh(x·Wn + bxn + r ⊙ (h·Un + bhn)), h' = z ⊙ h + (1 − z) ⊙ n; zero initial state.
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
  if (kernel.shape[1] !== 3 * H || recurrentKernel.shape[1] !== 3 * H || bias.shape[0] !== 2 || bias.shape[1] !== 3 * H) {
    throw new Error(`gruSequence: kernel ${kernel.shape}, recurrent ${recurrentKernel.shape}, bias ${bias.shape} do not fit ${H} units`);
  }
  const op = customGradOp<tf.Tensor2D>(([xIn, wx, wh, b], save) => {
    const bx = tf.reshape(sliceRows(b as tf.Tensor2D, 0, 1), [3 * H]) as tf.Tensor1D;
    const bh = tf.reshape(sliceRows(b as tf.Tensor2D, 1, 1), [3 * H]) as tf.Tensor1D;
    const xp = dense2d(xIn as tf.Tensor2D, wx as tf.Tensor2D, bx); // [T·B, 3H]
    const Z: tf.Tensor2D[] = [];
    const R: tf.Tensor2D[] = [];
    const N: tf.Tensor2D[] = [];
    const HN: tf.Tensor2D[] = [];
    const Hs: tf.Tensor2D[] = [];
    let h = tf.zeros([B, H]) as tf.Tensor2D;
    const h0 = h;
    for (let t = 0; t < T; t++) {
      const xt = sliceRows(xp, t * B, B);
      const hu = dense2d(h, wh as tf.Tensor2D, bh);
      const z = tf.sigmoid(tf.add(sliceColumns(xt, 0, H), sliceColumns(hu, 0, H))) as tf.Tensor2D;
      const r = tf.sigmoid(tf.add(sliceColumns(xt, H, H), sliceColumns(hu, H, H))) as tf.Tensor2D;
      const hn = sliceColumns(hu, 2 * H, H);
      const n = tf.sub(tf.mul(tf.sigmoid(tf.mul(tf.add(sliceColumns(xt, 2 * H, H), tf.mul(r, hn)), 2)), 2), 1) as tf.Tensor2D;
      h = tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
      Z.push(z);
      R.push(r);
      N.push(n);
      HN.push(hn);
      Hs.push(h);
    }
    const value = args.returnSequences ? (tf.concat(Hs, 0) as tf.Tensor2D) : h;
    save([xIn!, wx!, wh!, h0, ...Z, ...R, ...N, ...HN, ...Hs]);
    return {
      value,
      gradFunc: (dY, saved) => {
        const [sx, swx, swh, sh0] = saved as tf.Tensor2D[];
        const part = (k: number): tf.Tensor2D[] => saved.slice(4 + k * T, 4 + (k + 1) * T) as tf.Tensor2D[];
        const [Zs, Rs, Ns, HNs, HH] = [part(0), part(1), part(2), part(3), part(4)];
        const whT = tf.transpose(swh!);
        const dXP: tf.Tensor2D[] = new Array(T);
        const dHU: tf.Tensor2D[] = new Array(T);
        let dhNext: tf.Tensor2D | null = null;
        for (let t = T - 1; t >= 0; t--) {
          let dh: tf.Tensor2D | null = args.returnSequences ? sliceRows(dY, t * B, B) : t === T - 1 ? dY : null;
          if (dhNext) dh = dh ? (tf.add(dh, dhNext) as tf.Tensor2D) : dhNext;
          const z = Zs[t]!;
          const r = Rs[t]!;
          const n = Ns[t]!;
          const hn = HNs[t]!;
          const hPrev = t > 0 ? HH[t - 1]! : sh0!;
          if (!dh) dh = tf.zerosLike(z);
          const daN = tf.mul(tf.mul(dh, tf.sub(1, z)), tf.sub(1, tf.square(n))) as tf.Tensor2D;
          const daZ = tf.mul(tf.mul(dh, tf.sub(hPrev, n)), tf.mul(z, tf.sub(1, z))) as tf.Tensor2D;
          const daR = tf.mul(tf.mul(daN, hn), tf.mul(r, tf.sub(1, r))) as tf.Tensor2D;
          dXP[t] = tf.concat([daZ, daR, daN], 1) as tf.Tensor2D;
          const dhu = tf.concat([daZ, daR, tf.mul(daN, r)], 1) as tf.Tensor2D;
          dHU[t] = dhu;
          dhNext = tf.add(tf.mul(dh, z), tf.matMul(dhu, whT)) as tf.Tensor2D;
        }
        const dxp = tf.concat(dXP, 0) as tf.Tensor2D;
        const dhuAll = tf.concat(dHU, 0) as tf.Tensor2D;
        const hPrevAll = tf.concat([sh0!, ...HH.slice(0, T - 1)], 0) as tf.Tensor2D;
        const dx = tf.matMul(dxp, tf.transpose(swx!));
        const dwx = tf.matMul(tf.transpose(sx!), dxp);
        const dwh = tf.matMul(tf.transpose(hPrevAll), dhuAll);
        const db = tf.stack([sumRows(dxp), sumRows(dhuAll)]);
        return [dx, dwx, dwh, db];
      },
    };
  });
  return op(x, kernel, recurrentKernel, bias);
}
