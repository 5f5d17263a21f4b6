import * as tf from "@tensorflow/tfjs";
import { customGradOp, dense2d, sliceColumns, sliceRows, sumRows } from "./fast-ops.js";

/**
 * A whole LSTM layer over a sequence as one differentiable op, with back-propagation through
 * time written out by hand (tf.customGrad). tfjs-layers' LSTM runs its step loop through
 * `tf.unstack` and autodiff, which on wasm spends most of its time in slow slices and transposed
 * matMuls; this op needs per step one matMul forward, one backward, and a handful of
 * element-wise kernels, and does the input-side matMuls for all steps at once.
 *
 * Gates follow Keras' layout: the kernel's columns are [input | forget | cell | output], each of
 * `units` columns; c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t), g = tanh(z_g), other gates
 * sigmoid; initial state zero.
 *
 * Internally the cell-gate columns are scaled by 2 so that one sigmoid over all gates gives
 * g = 2σ(2z_g) − 1 = tanh(z_g) (wasm's tanh is ~10× slower than its sigmoid).
 *
 * Layout is time-major: `x` is [T·B, D] with rows t·B … t·B + B − 1 holding step t.
 */
export interface LstmOpArgs {
  /** Number of time steps T (x has T·B rows). */
  steps: number;
  /** Return all hidden states ([T·B, H], time-major) instead of the last one ([B, H]). */
  returnSequences: boolean;
}

function gateScale(units: number): tf.Tensor1D {
  const s = new Float32Array(4 * units).fill(1);
  s.fill(2, 2 * units, 3 * units);
  return tf.tensor1d(s);
}

/**
 * Runs an LSTM over time-major input. `kernel` [D, 4H], `recurrentKernel` [H, 4H], `bias` [4H].
 *
 * @example
 * const h = lstmSequence(x2d, kernel, recurrent, bias, { steps: 10, returnSequences: false }); // [B, H]
 */
export function lstmSequence(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  args: LstmOpArgs,
): tf.Tensor2D {
  const T = args.steps;
  const rows = x.shape[0];
  if (rows % T !== 0) throw new Error(`lstmSequence: ${rows} input rows do not divide into ${T} steps`);
  const B = rows / T;
  const H = recurrentKernel.shape[0];
  if (kernel.shape[1] !== 4 * H || recurrentKernel.shape[1] !== 4 * H || bias.shape[0] !== 4 * H) {
    throw new Error(`lstmSequence: kernel ${kernel.shape}, recurrent ${recurrentKernel.shape}, bias ${bias.shape} do not fit ${H} units`);
  }
  if (kernel.shape[0] !== x.shape[1]) throw new Error(`lstmSequence: input has ${x.shape[1]} features, kernel expects ${kernel.shape[0]}`);

  const op = customGradOp<tf.Tensor2D>(([xIn, wx, wh, b], save) => {
    const scale = gateScale(H);
    const wxS = tf.mul(wx!, scale) as tf.Tensor2D;
    const whS = tf.mul(wh!, scale) as tf.Tensor2D;
    const bS = tf.mul(b!, scale) as tf.Tensor1D;
    const xp = dense2d(xIn as tf.Tensor2D, wxS, bS); // [T·B, 4H]
    const gi: tf.Tensor2D[] = [];
    const gf: tf.Tensor2D[] = [];
    const gs: tf.Tensor2D[] = []; // σ(2 z_g); g = 2 gs − 1
    const go: tf.Tensor2D[] = [];
    const cs: tf.Tensor2D[] = [];
    const tcs: tf.Tensor2D[] = [];
    const hs: tf.Tensor2D[] = [];
    let h: tf.Tensor2D | null = null;
    let c: tf.Tensor2D | null = null;
    for (let t = 0; t < T; t++) {
      const xt = sliceRows(xp, t * B, B);
      const z = h ? (tf.add(xt, tf.matMul(h, whS)) as tf.Tensor2D) : xt;
      const s = tf.sigmoid(z) as tf.Tensor2D;
      const i = sliceColumns(s, 0, H);
      const f = sliceColumns(s, H, H);
      const sg = sliceColumns(s, 2 * H, H);
      const o = sliceColumns(s, 3 * H, H);
      const g = tf.sub(tf.mul(sg, 2), 1) as tf.Tensor2D;
      c = (c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g)) as tf.Tensor2D;
      const tc = tf.sub(tf.mul(tf.sigmoid(tf.mul(c, 2)), 2), 1) as tf.Tensor2D;
      h = tf.mul(o, tc) as tf.Tensor2D;
      gi.push(i);
      gf.push(f);
      gs.push(sg);
      go.push(o);
      cs.push(c);
      tcs.push(tc);
      hs.push(h);
    }
    const value = args.returnSequences ? (tf.concat(hs, 0) as tf.Tensor2D) : h!;
    save([xIn!, wxS, whS, scale, ...gi, ...gf, ...gs, ...go, ...cs, ...tcs, ...hs]);
    return {
      value,
      gradFunc: (dY, saved) => {
        const [sx, swx, swh, sscale] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const part = (k: number): tf.Tensor2D[] => saved.slice(4 + k * T, 4 + (k + 1) * T) as tf.Tensor2D[];
        const [I, F, S, O, C, TC, Hs] = [part(0), part(1), part(2), part(3), part(4), part(5), part(6)];
        const whT = tf.transpose(swh);
        const dZs: tf.Tensor2D[] = new Array(T);
        let dhNext: tf.Tensor2D | null = null;
        let dcNext: tf.Tensor2D | null = null;
        for (let t = T - 1; t >= 0; t--) {
          let dh: tf.Tensor2D | null = args.returnSequences ? sliceRows(dY, t * B, B) : t === T - 1 ? dY : null;
          if (dhNext) dh = dh ? (tf.add(dh, dhNext) as tf.Tensor2D) : dhNext;
          const i = I[t]!;
          const f = F[t]!;
          const sg = S[t]!;
          const o = O[t]!;
          const tc = TC[t]!;
          const g = tf.sub(tf.mul(sg, 2), 1);
          let dc: tf.Tensor2D | null = dcNext;
          let dzO: tf.Tensor2D;
          if (dh) {
            const dO = tf.mul(dh, tc);
            dzO = tf.mul(dO, tf.mul(o, tf.sub(1, o))) as tf.Tensor2D;
            const dcFromH = tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tc))) as tf.Tensor2D;
            dc = dc ? (tf.add(dc, dcFromH) as tf.Tensor2D) : dcFromH;
          } else {
            dzO = tf.zerosLike(o);
          }
          if (!dc) dc = tf.zerosLike(o);
          const dzI = tf.mul(tf.mul(dc, g), tf.mul(i, tf.sub(1, i)));
          const dzG = tf.mul(tf.mul(dc, i), tf.mul(tf.mul(sg, tf.sub(1, sg)), 2));
          const dzF = t > 0 ? tf.mul(tf.mul(dc, C[t - 1]!), tf.mul(f, tf.sub(1, f))) : tf.zerosLike(f);
          const dz = tf.concat([dzI, dzF, dzG, dzO], 1) as tf.Tensor2D;
          dZs[t] = dz;
          if (t > 0) {
            dhNext = tf.matMul(dz, whT) as tf.Tensor2D;
            dcNext = tf.mul(dc, f) as tf.Tensor2D;
          }
        }
        const dZ = tf.concat(dZs, 0) as tf.Tensor2D; // [T·B, 4H]
        const dx = tf.matMul(dZ, tf.transpose(swx));
        const dwx = tf.mul(tf.matMul(tf.transpose(sx), dZ), sscale);
        const db = tf.mul(sumRows(dZ), sscale);
        let dwh: tf.Tensor;
        if (T > 1) {
          const hPrev = tf.concat(Hs.slice(0, T - 1), 0) as tf.Tensor2D;
          const dZLater = tf.concat(dZs.slice(1), 0) as tf.Tensor2D;
          dwh = tf.mul(tf.matMul(tf.transpose(hPrev), dZLater), sscale);
        } else {
          dwh = tf.zerosLike(swh);
        }
        return [dx, dwx, dwh, db];
      },
    };
  });
  return op(x, kernel, recurrentKernel, bias);
}

/** [B, T, D] batch-major → [T·B, D] time-major. */
export function toTimeMajor(x: tf.Tensor3D): tf.Tensor2D {
  const [B, T, D] = x.shape;
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [T * B, D]);
}

/** [T·B, D] time-major → [B, T, D] batch-major. */
export function fromTimeMajor(x: tf.Tensor2D, steps: number): tf.Tensor3D {
  const B = x.shape[0] / steps;
  return tf.transpose(tf.reshape(x, [steps, B, x.shape[1]]), [1, 0, 2]);
}
