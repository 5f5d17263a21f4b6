import * as tf from "@tensorflow/tfjs";
import { oneShape, oneTensor, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Arguments of {@link SeededDropout}. */
export interface SeededDropoutArgs extends BaseLayerArgs {
  /** Share of units zeroed in training (0 ≤ rate < 1). */
  rate: number;
  /** Seed of the first mask; every later call uses the next seed. */
  seed: number;
}

/**
 * Inverted dropout (Srivastava et al., JMLR 2014) whose masks are reproducible: call n draws its
 * mask with seed `seed + n`, so a run with the same seed and the same batches drops the same
 * units. `tf.layers.dropout` either repeats one mask on every step (when given a seed) or reads
 * the global random state (when not). Identity outside training.
 */
export class SeededDropout extends tf.layers.Layer {
  static className = "LoglabSeededDropout";
  readonly rate: number;
  readonly seed: number;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`${this.name}: dropout rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return oneShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = oneTensor(inputs);
    if (!kwargs?.training || this.rate === 0) return x;
    const seed = this.seed + this.calls++;
    return tf.tidy(() => {
      const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, "float32", seed), this.rate), "float32");
      return tf.mul(x, tf.mul(keep, 1 / (1 - this.rate)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);
