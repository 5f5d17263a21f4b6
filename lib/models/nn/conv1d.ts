import * as tf from "@tensorflow/tfjs";
import { denseLastAxis, fastSlice } from "./fast-ops.js";
import { activate, type DenseActivation } from "./fast-dense.js";
import { knownLastDim, oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Arguments of {@link Conv1d}. */
export interface Conv1dArgs extends BaseLayerArgs {
  filters: number;
  kernelSize: number;
  activation?: DenseActivation;
  /** Seed of the Glorot-uniform kernel initializer. */
  seed: number;
}

/**
 * A 1-D convolution over time with "same" padding ([B, T, D] → [B, T, F]), computed as the
 * kernelSize shifted copies of the input side by side, times one [kernelSize·D, F] matrix.
 * tf.layers.conv1d cannot train on wasm (Conv2DBackpropFilter is missing there).
 */
export class Conv1d extends tf.layers.Layer {
  static className = "LoglabConv1d";
  readonly filters: number;
  readonly kernelSize: number;
  readonly activation: DenseActivation;
  readonly seed: number;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: Conv1dArgs) {
    super(args);
    if (!(args.kernelSize >= 1)) throw new Error(`Conv1d: kernelSize must be ≥ 1, got ${args.kernelSize}`);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.activation = args.activation ?? "relu";
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(oneShape(inputShape), this.name);
    this.kernel = this.addWeight("kernel", [this.kernelSize * D, this.filters], "float32", tf.initializers.glorotUniform({ seed: this.seed }));
    this.bias = this.addWeight("bias", [this.filters], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const s = oneShape(inputShape);
    return [s[0] ?? null, s[1] ?? null, this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      const [B, T, D] = x.shape;
      const k = this.kernelSize;
      const before = Math.floor((k - 1) / 2);
      const padded = tf.pad(x, [
        [0, 0],
        [before, k - 1 - before],
        [0, 0],
      ]);
      const shifted = Array.from({ length: k }, (_, j) => fastSlice(padded, [0, j, 0], [B, T, D]));
      const cols = k === 1 ? shifted[0]! : tf.concat(shifted, 2);
      const y = denseLastAxis(cols, this.kernel!.read() as tf.Tensor2D, this.bias!.read() as tf.Tensor1D);
      return activate(y, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, activation: this.activation, seed: this.seed };
  }
}
tf.serialization.registerClass(Conv1d);
