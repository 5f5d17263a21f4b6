import * as tf from "@tensorflow/tfjs";
import { gruSequence } from "./gru-op.js";
import { knownLastDim, oneShape, oneTensor, recurrentOutputShape, type BaseLayerArgs, type LayerShape } from "./layer-args.js";
import { fromTimeMajor, toTimeMajor } from "./lstm-op.js";

/** Arguments of {@link FastGru}. */
export interface FastGruArgs extends BaseLayerArgs {
  units: number;
  returnSequences?: boolean;
  /** Seed of the Glorot-uniform initializers. */
  seed: number;
}

/** A GRU layer ([B, T, D] → [B, H] or [B, T, H]) on {@link gruSequence}; Keras' GRU maths (reset_after). */
export class FastGru extends tf.layers.Layer {
  static className = "LoglabFastGru";
  readonly units: number;
  readonly returnSequences: boolean;
  readonly seed: number;
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: FastGruArgs) {
    super(args);
    this.units = args.units;
    this.returnSequences = args.returnSequences ?? false;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(oneShape(inputShape), this.name);
    const H = this.units;
    this.kernel = this.addWeight("kernel", [D, 3 * H], "float32", tf.initializers.glorotUniform({ seed: this.seed }));
    this.recurrentKernel = this.addWeight("recurrent_kernel", [H, 3 * H], "float32", tf.initializers.glorotUniform({ seed: this.seed + 1 }));
    this.bias = this.addWeight("bias", [2, 3 * H], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return recurrentOutputShape(oneShape(inputShape), this.units, this.returnSequences);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs) as tf.Tensor3D;
      if (x.rank !== 3) throw new Error(`${this.name}: expected [batch, steps, features], got [${x.shape}]`);
      const steps = x.shape[1];
      const y = gruSequence(toTimeMajor(x), this.kernel!.read() as tf.Tensor2D, this.recurrentKernel!.read() as tf.Tensor2D, this.bias!.read() as tf.Tensor2D, {
        steps,
        returnSequences: this.returnSequences,
      });
      return this.returnSequences ? fromTimeMajor(y, steps) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, returnSequences: this.returnSequences, seed: this.seed };
  }
}
tf.serialization.registerClass(FastGru);
