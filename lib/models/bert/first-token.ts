import * as tf from "@tensorflow/tfjs";
import { fastSlice } from "../nn/fast-ops.js";
import { oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "../nn/layer-args.js";

/** The output at position 0 of [B, T, D] states → [B, D]: BERT's [CLS] vector (LogBERT's [DIST]). */
export class FirstToken extends tf.layers.Layer {
  static className = "LoglabFirstToken";

  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const s = oneShape(inputShape);
    return [s[0] ?? null, s[2] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      const [B, , D] = x.shape;
      return tf.reshape(fastSlice(x, [0, 0, 0], [B, 1, D]), [B, D]);
    });
  }
}
tf.serialization.registerClass(FirstToken);
