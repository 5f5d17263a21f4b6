import * as tf from "@tensorflow/tfjs";
import { customGradOp } from "./fast-ops.js";
import { oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Arguments of {@link GradientReversal}. */
export interface GradientReversalArgs extends BaseLayerArgs {
  /** Initial λ (default 0; training raises it with {@link dannLambda}). */
  lambda?: number;
}

/**
 * The gradient reversal layer of domain-adversarial training (Ganin et al., "Domain-Adversarial
 * Training of Neural Networks", JMLR 17(59), 2016, §4): the identity going forward, the incoming
 * gradient times −λ going back. Put between the feature extractor and the domain classifier, it
 * makes one minimisation train the classifier to tell domains apart and the features to hide them.
 * `lambda` is a public field so the training loop can follow the schedule; it is not a weight.
 */
export class GradientReversal extends tf.layers.Layer {
  static className = "LoglabGradientReversal";
  lambda: number;

  constructor(args: GradientReversalArgs = {}) {
    super(args);
    this.lambda = args.lambda ?? 0;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return oneShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = oneTensor(inputs);
    const lambda = this.lambda;
    const reverse = customGradOp<tf.Tensor>(([t]) => ({ value: tf.clone(t!), gradFunc: (dy) => [tf.mul(dy, -lambda)] }));
    return reverse(x);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), lambda: this.lambda };
  }
}
tf.serialization.registerClass(GradientReversal);

/**
 * Ganin et al.'s adaptation factor at training progress p ∈ [0, 1] (JMLR 2016, §5.2.2):
 * λ_p = 2 / (1 + exp(−γ·p)) − 1 with γ = 10, rising from 0 to ≈ 1 so the noisy domain signal of
 * early training does not disturb the label classifier.
 *
 * @example
 * dannLambda(0); // 0
 * dannLambda(1); // 0.99991
 */
export function dannLambda(progress: number, gamma = 10): number {
  const p = Math.min(1, Math.max(0, progress));
  return 2 / (1 + Math.exp(-gamma * p)) - 1;
}

/** Ganin et al.'s learning-rate annealing μ_p = μ₀ / (1 + α·p)^β with α = 10, β = 0.75 (§5.2.2). */
export function dannLearningRate(initial: number, progress: number, alpha = 10, beta = 0.75): number {
  const p = Math.min(1, Math.max(0, progress));
  return initial / Math.pow(1 + alpha * p, beta);
}
