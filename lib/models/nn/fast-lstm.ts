import * as tf from "@tensorflow/tfjs";
import { knownLastDim, oneShape, oneTensor, recurrentOutputShape, type BaseLayerArgs, type LayerShape } from "./layer-args.js";
import { fromTimeMajor, lstmSequence, toTimeMajor } from "./lstm-op.js";

/** Arguments of {@link FastLstm}. */
export interface FastLstmArgs extends BaseLayerArgs {
  units: number;
  /** Output every step's state [B, T, H] (true) or the last one [B, H] (false). */
  returnSequences?: boolean;
  /**
   * Read the sequence from its end (the backward half of a bidirectional LSTM). With
   * `returnSequences` the outputs are put back in input order (position t holds the state after
   * reading t … T − 1), as Keras' Bidirectional wrapper does.
   */
  goBackwards?: boolean;
  /** Seed of the Glorot-uniform initializers. */
  seed: number;
}

/**
 * An LSTM layer ([B, T, D] → [B, H] or [B, T, H]) built on {@link lstmSequence}: the same maths
 * as `tf.layers.lstm` (Keras gate order, forget-gate bias initialised to 1, zero initial state),
 * about 3× faster to train on wasm and serializable like any tfjs-layers layer.
 */
export class FastLstm extends tf.layers.Layer {
  static className = "LoglabFastLstm";
  readonly units: number;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly seed: number;
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: FastLstmArgs) {
    super(args);
    this.units = args.units;
    this.returnSequences = args.returnSequences ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(oneShape(inputShape), this.name);
    const H = this.units;
    this.kernel = this.addWeight("kernel", [D, 4 * H], "float32", tf.initializers.glorotUniform({ seed: this.seed }));
    this.recurrentKernel = this.addWeight("recurrent_kernel", [H, 4 * H], "float32", tf.initializers.glorotUniform({ seed: this.seed + 1 }));
    const b = new Float32Array(4 * H);
    b.fill(1, H, 2 * H); // unit forget bias
    this.bias = this.addWeight("bias", [4 * H], "float32", tf.initializers.zeros());
    const init = tf.tensor1d(b);
    this.bias.write(init);
    init.dispose();
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return recurrentOutputShape(oneShape(inputShape), this.units, this.returnSequences);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let x = oneTensor(inputs) as tf.Tensor3D;
      if (x.rank !== 3) throw new Error(`${this.name}: expected [batch, steps, features], got [${x.shape}]`);
      const steps = x.shape[1];
      if (this.goBackwards) x = tf.reverse(x, 1);
      const y = lstmSequence(
        toTimeMajor(x),
        this.kernel!.read() as tf.Tensor2D,
        this.recurrentKernel!.read() as tf.Tensor2D,
        this.bias!.read() as tf.Tensor1D,
        { steps, returnSequences: this.returnSequences },
      );
      if (!this.returnSequences) return y;
      const seq = fromTimeMajor(y, steps);
      return this.goBackwards ? tf.reverse(seq, 1) : seq;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, returnSequences: this.returnSequences, goBackwards: this.goBackwards, seed: this.seed };
  }
}
tf.serialization.registerClass(FastLstm);
