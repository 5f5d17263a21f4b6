import * as tf from "@tensorflow/tfjs";

/** Largest absolute difference of two tensors. */
export const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** A float tensor's values as a nested array (rounded to 5 decimals). */
export const rounded = (t: tf.Tensor): unknown => JSON.parse(JSON.stringify(t.arraySync(), (_, v) => (typeof v === "number" ? Math.round(v * 1e5) / 1e5 : v)));

/** Keras' GRU (reset_after) with plain tf ops over a time-major [T·B, D] input (moved from lstm-op.test.ts). */
export function referenceGru(x: tf.Tensor2D, wx: tf.Tensor2D, wh: tf.Tensor2D, b: tf.Tensor2D, T: number, seq: boolean): tf.Tensor {
  const B = x.shape[0] / T;
  const H = wh.shape[0];
  const [bx, bh] = tf.split(b, 2, 0).map((t) => tf.reshape(t, [3 * H]));
  let h = tf.zeros([B, H]) as tf.Tensor2D;
  const hs: tf.Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const xp = tf.add(tf.matMul(tf.slice(x, [t * B, 0], [B, x.shape[1]]), wx), bx!);
    const hp = tf.add(tf.matMul(h, wh), bh!);
    const [xz, xr, xn] = tf.split(xp, 3, 1);
    const [hz, hr, hn] = tf.split(hp, 3, 1);
    const z = tf.sigmoid(tf.add(xz!, hz!));
    const r = tf.sigmoid(tf.add(xr!, hr!));
    const n = tf.tanh(tf.add(xn!, tf.mul(r, hn!)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), n)) as tf.Tensor2D;
    hs.push(h);
  }
  return seq ? tf.concat(hs, 0) : h;
}

/** [B, T, D] → time-major [T·B, D]. */
export const timeMajor = (x: tf.Tensor3D): tf.Tensor2D => tf.reshape(tf.transpose(x, [1, 0, 2]), [x.shape[1] * x.shape[0], x.shape[2]]) as tf.Tensor2D;
