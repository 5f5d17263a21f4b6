import * as tf from "@tensorflow/tfjs";
import { denseLastAxis } from "./fast-ops.js";
import { knownLastDim, oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Activations {@link FastDense} supports. */
export type DenseActivation = "linear" | "relu" | "sigmoid" | "tanh" | "gelu";

/** Arguments of {@link FastDense}. */
export interface FastDenseArgs extends BaseLayerArgs {
  units: number;
  activation?: DenseActivation;
  useBias?: boolean;
  /** Seed of the Glorot-uniform kernel initializer. */
  seed: number;
}

/** Applies an activation by name. GELU uses the sigmoid approximation x·σ(1.702x). */
export function activate(x: tf.Tensor, activation: DenseActivation): tf.Tensor {
  switch (activation) {
    case "linear":
      return x;
    case "relu":
      return tf.relu(x);
    case "sigmoid":
      return tf.sigmoid(x);
    case "tanh":
      return tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1);
    case "gelu":
      return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
  }
}

/**
 * A dense layer over the last axis (any rank ≥ 2), like `tf.layers.dense`, with gradients that
 * avoid wasm's slow transposed matMuls (see fast-ops.ts).
 */
export class FastDense extends tf.layers.Layer {
  static className = "LoglabFastDense";
  readonly units: number;
  readonly activation: DenseActivation;
  readonly useBias: boolean;
  readonly seed: number;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: FastDenseArgs) {
    super(args);
    this.units = args.units;
    this.activation = args.activation ?? "linear";
    this.useBias = args.useBias ?? true;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(oneShape(inputShape), this.name);
    this.kernel = this.addWeight("kernel", [D, this.units], "float32", tf.initializers.glorotUniform({ seed: this.seed }));
    if (this.useBias) this.bias = this.addWeight("bias", [this.units], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const s = oneShape(inputShape);
    return [...s.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs);
      const y = denseLastAxis(x, this.kernel!.read() as tf.Tensor2D, this.bias ? (this.bias.read() as tf.Tensor1D) : undefined);
      return activate(y, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, activation: this.activation, useBias: this.useBias, seed: this.seed };
  }
}
tf.serialization.registerClass(FastDense);
