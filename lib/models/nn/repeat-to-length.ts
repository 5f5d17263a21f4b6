import * as tf from "@tensorflow/tfjs";
import type { BaseLayerArgs, LayerShape } from "./layer-args.js";

/**
 * Repeats a vector once per step of a key sequence: inputs `[v, keys]`, v [B, D] and keys
 * [B, T] → [B, T, D] (tf.layers.repeatVector needs a fixed T; sequence autoencoders decode to the
 * length of their input).
 */
export class RepeatToLength extends tf.layers.Layer {
  static className = "LoglabRepeatToLength";

  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [v, k] = inputShape as LayerShape[];
    return [v![0] ?? null, k![1] ?? null, v![1] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${this.name}: expects [vector, keys]`);
      const [v, keys] = inputs as [tf.Tensor2D, tf.Tensor2D];
      const T = keys.shape[1];
      // Broadcasting multiply: its gradient sums over the T copies.
      return tf.mul(tf.expandDims(v, 1), tf.ones([1, T, 1]));
    });
  }
}
tf.serialization.registerClass(RepeatToLength);
