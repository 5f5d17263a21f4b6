import * as tf from "@tensorflow/tfjs";
import { keyEmbeddingLookup } from "./key-embedding-op.js";
import { keysOf, oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Arguments of {@link KeyEmbedding}. */
export interface KeyEmbeddingArgs extends BaseLayerArgs {
  /** Number of distinct keys V (inputs are integers in [0, V)). */
  inputDim: number;
  /** Embedding size E. */
  outputDim: number;
  /** Seed of the uniform(−0.05, 0.05) initializer (Keras' default for embeddings). */
  seed: number;
}

/**
 * A trainable key embedding that works on wasm: [B, T] integer keys (as float32) → [B, T, E].
 * Replaces `tf.layers.embedding`, whose gradient needs UnsortedSegmentSum (missing on wasm).
 */
export class KeyEmbedding extends tf.layers.Layer {
  static className = "LoglabKeyEmbedding";
  readonly inputDim: number;
  readonly outputDim: number;
  readonly seed: number;
  private table: tf.LayerVariable | null = null;

  constructor(args: KeyEmbeddingArgs) {
    super(args);
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    oneShape(inputShape);
    this.table = this.addWeight(
      "embeddings",
      [this.inputDim, this.outputDim],
      "float32",
      tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed }),
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return [...oneShape(inputShape), this.outputDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs);
      const rows = keyEmbeddingLookup(this.table!.read() as tf.Tensor2D, keysOf(x));
      return tf.reshape(rows, [...x.shape, this.outputDim]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), inputDim: this.inputDim, outputDim: this.outputDim, seed: this.seed };
  }
}
tf.serialization.registerClass(KeyEmbedding);
