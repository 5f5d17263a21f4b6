import * as tf from "@tensorflow/tfjs";
import { batchMatMul } from "../nn/fast-ops.js";
import { firstShape, type BaseLayerArgs, type LayerShape } from "../nn/layer-args.js";

/**
 * Picks P positions of each sequence: inputs `[states [B, T, D], selection [B, P, T]]`, where
 * row p of `selection[b]` is one-hot at the position wanted (all zero for an unused slot), →
 * [B, P, D]. The masked-language-model head runs on these rows only, not on all B·T positions
 * (with an 8,000-token vocabulary that is most of the work). Written as a batched matMul, whose
 * gradient is matMuls too: `tf.gather`'s gradient needs UnsortedSegmentSum, missing on wasm.
 */
export class SelectPositions extends tf.layers.Layer {
  static className = "LoglabSelectPositions";

  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shapes = inputShape as LayerShape[];
    const s = firstShape(inputShape);
    return [s[0] ?? null, shapes[1]?.[1] ?? null, s[2] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${this.name}: expects [states, selection]`);
      const [x, sel] = inputs as [tf.Tensor3D, tf.Tensor3D];
      return batchMatMul(sel, x);
    });
  }
}
tf.serialization.registerClass(SelectPositions);

/**
 * The one-hot selection tensor [B, P, T] for {@link SelectPositions}: `positions[b]` lists the
 * positions of sequence b (P = the longest list; shorter lists leave zero rows).
 */
export function selectionTensor(positions: readonly (readonly number[])[], T: number): tf.Tensor3D {
  const P = Math.max(1, ...positions.map((p) => p.length));
  const data = new Float32Array(positions.length * P * T);
  positions.forEach((ps, b) =>
    ps.forEach((t, p) => {
      if (t < 0 || t >= T) throw new Error(`selectionTensor: position ${t} is outside [0, ${T})`);
      data[(b * P + p) * T + t] = 1;
    }),
  );
  return tf.tensor3d(data, [positions.length, P, T]);
}
