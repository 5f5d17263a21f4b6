import * as tf from "@tensorflow/tfjs";
import { fastSlice } from "./fast-ops.js";
import { knownLastDim, oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Arguments of {@link PositionalEmbedding}. */
export interface PositionalEmbeddingArgs extends BaseLayerArgs {
  /** Longest sequence the table covers. */
  maxLength: number;
  /** Seed of the uniform(−0.05, 0.05) initializer. */
  seed: number;
}

/**
 * Adds a learned embedding of each position to [B, T, D] inputs (BERT-style learned positions;
 * T ≤ maxLength). Position 0 is the first step of the (right-padded) sequence.
 */
export class PositionalEmbedding extends tf.layers.Layer {
  static className = "LoglabPositionalEmbedding";
  readonly maxLength: number;
  readonly seed: number;
  private table: tf.LayerVariable | null = null;

  constructor(args: PositionalEmbeddingArgs) {
    super(args);
    this.maxLength = args.maxLength;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(oneShape(inputShape), this.name);
    this.table = this.addWeight("positions", [this.maxLength, D], "float32", tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed }));
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return oneShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs);
      const T = x.shape[1]!;
      if (T > this.maxLength) throw new Error(`${this.name}: sequence of ${T} steps is longer than maxLength ${this.maxLength}`);
      const D = x.shape[2]!;
      const pos = fastSlice(this.table!.read() as tf.Tensor2D, [0, 0], [T, D]);
      return tf.add(x, tf.reshape(pos, [1, T, D]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxLength: this.maxLength, seed: this.seed };
  }
}
tf.serialization.registerClass(PositionalEmbedding);
