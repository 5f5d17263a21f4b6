import * as tf from "@tensorflow/tfjs";
import { batchMatMul, denseLastAxis } from "./fast-ops.js";
import { keyMask } from "./key-mask.js";
import { firstShape, knownLastDim, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** Arguments of {@link MultiHeadSelfAttention}. */
export interface MultiHeadSelfAttentionArgs extends BaseLayerArgs {
  heads: number;
  /** Seed of the Glorot-uniform projection initializers. */
  seed: number;
}

/**
 * Multi-head self-attention built from TF.js ops (Vaswani et al. 2017): inputs `[x, keys]`, x
 * [B, T, D] and the key indices [B, T] whose zeros (padding) are masked out as attention targets.
 * Output [B, T, D] = softmax(QKᵀ/√d + mask)·V projected by Wo. Batched matMuls go through
 * fast-ops' `batchMatMul` (gradients with explicit transposes).
 */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static className = "LoglabMultiHeadSelfAttention";
  readonly heads: number;
  readonly seed: number;
  private wq: tf.LayerVariable | null = null;
  private wk: tf.LayerVariable | null = null;
  private wv: tf.LayerVariable | null = null;
  private wo: tf.LayerVariable | null = null;
  private bq: tf.LayerVariable | null = null;
  private bk: tf.LayerVariable | null = null;
  private bv: tf.LayerVariable | null = null;
  private bo: tf.LayerVariable | null = null;

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
    this.heads = args.heads;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(firstShape(inputShape), this.name);
    if (D % this.heads !== 0) throw new Error(`${this.name}: model size ${D} does not divide into ${this.heads} heads`);
    const init = (k: number) => tf.initializers.glorotUniform({ seed: this.seed + k });
    this.wq = this.addWeight("wq", [D, D], "float32", init(0));
    this.wk = this.addWeight("wk", [D, D], "float32", init(1));
    this.wv = this.addWeight("wv", [D, D], "float32", init(2));
    this.wo = this.addWeight("wo", [D, D], "float32", init(3));
    this.bq = this.addWeight("bq", [D], "float32", tf.initializers.zeros());
    this.bk = this.addWeight("bk", [D], "float32", tf.initializers.zeros());
    this.bv = this.addWeight("bv", [D], "float32", tf.initializers.zeros());
    this.bo = this.addWeight("bo", [D], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return firstShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${this.name}: expects [x, keys]`);
      const [x, keys] = inputs as [tf.Tensor3D, tf.Tensor];
      const [B, T, D] = x.shape;
      const h = this.heads;
      const dh = D / h;
      // [B, T, D] → [B·h, T, dh]
      const split = (t: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(t, [B, T, h, dh]), [0, 2, 1, 3]), [B * h, T, dh]) as tf.Tensor3D;
      const q = split(denseLastAxis(x, this.wq!.read() as tf.Tensor2D, this.bq!.read() as tf.Tensor1D));
      const k = split(denseLastAxis(x, this.wk!.read() as tf.Tensor2D, this.bk!.read() as tf.Tensor1D));
      const v = split(denseLastAxis(x, this.wv!.read() as tf.Tensor2D, this.bv!.read() as tf.Tensor1D));
      const scores = tf.mul(batchMatMul(q, tf.transpose(k, [0, 2, 1])), 1 / Math.sqrt(dh)); // [B·h, T, T]
      // Padding positions are not attended to: add −1e9 to their scores.
      const maskAdd = tf.mul(tf.sub(1, keyMask(keys)), -1e9); // [B, T]
      const masked = tf.add(tf.reshape(scores, [B, h, T, T]), tf.reshape(maskAdd, [B, 1, 1, T]));
      const weights = tf.softmax(masked); // over the last axis
      const ctx = batchMatMul(tf.reshape(weights, [B * h, T, T]) as tf.Tensor3D, v); // [B·h, T, dh]
      const merged = tf.reshape(tf.transpose(tf.reshape(ctx, [B, h, T, dh]), [0, 2, 1, 3]), [B, T, D]);
      return denseLastAxis(merged, this.wo!.read() as tf.Tensor2D, this.bo!.read() as tf.Tensor1D);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, seed: this.seed };
  }
}
tf.serialization.registerClass(MultiHeadSelfAttention);
