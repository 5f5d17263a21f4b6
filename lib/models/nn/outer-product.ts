import * as tf from "@tensorflow/tfjs";
import type { BaseLayerArgs, LayerShape } from "./layer-args.js";

/**
 * The multilinear map of conditional domain-adversarial networks (Long et al., "Conditional
 * Adversarial Domain Adaptation", NeurIPS 2018, §3.1): inputs `[f, g]` of shapes [B, H] and
 * [B, K] → the flattened outer product f ⊗ g, [B, H·K], in which feature h under class k is entry
 * h·K + k. A domain classifier that reads f ⊗ g (g: the class probabilities) sees features and
 * predicted class together, so reversing its gradient aligns each class's features across domains
 * rather than the marginal feature distributions, which erases class evidence when the classes'
 * shares differ between domains (Zhao et al., ICML 2019). No weights.
 */
export class OuterProduct extends tf.layers.Layer {
  static className = "LoglabOuterProduct";

  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const [f, g] = inputShape as LayerShape[];
    if (!f || !g) throw new Error(`${this.name}: expects two inputs [features, probabilities]`);
    const H = f[f.length - 1];
    const K = g[g.length - 1];
    return [f[0] ?? null, typeof H === "number" && typeof K === "number" ? H * K : null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${this.name}: expects two inputs [features, probabilities]`);
    const [f, g] = inputs as [tf.Tensor2D, tf.Tensor2D];
    return tf.tidy(() => {
      const [B, H] = f.shape;
      const K = g.shape[1];
      return tf.reshape(tf.mul(tf.expandDims(f, 2), tf.expandDims(g, 1)), [B, H * K]);
    });
  }
}
tf.serialization.registerClass(OuterProduct);
