import * as tf from "@tensorflow/tfjs";
import { knownLastDim, oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Arguments of {@link LayerNorm}. */
export interface LayerNormArgs extends BaseLayerArgs {
  epsilon?: number;
}

/**
 * Layer normalisation over the last axis with a learned scale and shift, written with broadcast
 * ops. `tf.layers.layerNormalization` trains very slowly on wasm (STACK-NOTES: tens of thousands
 * of small kernels per batch); this is a handful of kernels.
 */
export class LayerNorm extends tf.layers.Layer {
  static className = "LoglabLayerNorm";
  readonly epsilon: number;
  private gamma: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;

  constructor(args: LayerNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(oneShape(inputShape), this.name);
    this.gamma = this.addWeight("gamma", [D], "float32", tf.initializers.ones());
    this.beta = this.addWeight("beta", [D], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return oneShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs);
      const axis = x.rank - 1;
      const mean = tf.mean(x, axis, true);
      const xc = tf.sub(x, mean);
      const variance = tf.mean(tf.square(xc), axis, true);
      const y = tf.mul(xc, tf.rsqrt(tf.add(variance, this.epsilon)));
      return tf.add(tf.mul(y, this.gamma!.read()), this.beta!.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(LayerNorm);
