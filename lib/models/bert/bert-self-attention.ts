import * as tf from "@tensorflow/tfjs";
import { batchMatMul, denseLastAxis } from "../nn/fast-ops.js";
import { keyMask } from "../nn/key-mask.js";
import { firstShape, knownLastDim, type BaseLayerArgs, type LayerShape } from "../nn/layer-args.js";
import type { AttentionProjection } from "./bert-config.js";

/** The four projections, in weight order. */
export const ATTENTION_PROJECTIONS: readonly AttentionProjection[] = ["query", "key", "value", "output"];

/** Arguments of {@link BertSelfAttention}. */
export interface BertSelfAttentionArgs extends BaseLayerArgs {
  heads: number;
  /** Seed of the Glorot-uniform initializers. */
  seed: number;
  /** LoRA rank (0 = no adapters). */
  loraRank?: number;
  /** LoRA scale α; the adapter adds (α / r)·(x·A)·B. */
  loraAlpha?: number;
  /** Projections that get an adapter (default query and value, as Hu et al. recommend). */
  loraTargets?: readonly AttentionProjection[];
}

/**
 * Multi-head self-attention (Vaswani et al. 2017) for the BERT encoder. Inputs `[x, tokens]`:
 * x [B, T, D] and the token ids [B, T], whose padding (id 0) is never attended to. Each
 * projection is its own pair of weights, named `<projection>_kernel` and `<projection>_bias`
 * (query, key, value, output), so adapters and freezing can address them by name.
 *
 * With `loraRank` r > 0, each projection in `loraTargets` gets a low-rank adapter (LoRA, Hu et
 * al., ICLR 2022): W·x + (α/r)·B·A·x with A [D, r] Glorot-initialised and B [r, D] zero, so a
 * fresh adapter leaves the output unchanged. Its weights are `<projection>_lora_a` / `_lora_b`;
 * freeze the rest with `setTrainableWeights`.
 */
export class BertSelfAttention extends tf.layers.Layer {
  static className = "LoglabBertSelfAttention";
  readonly heads: number;
  readonly seed: number;
  readonly loraRank: number;
  readonly loraAlpha: number;
  readonly loraTargets: readonly AttentionProjection[];
  private kernels = new Map<AttentionProjection, tf.LayerVariable>();
  private biases = new Map<AttentionProjection, tf.LayerVariable>();
  private loraA = new Map<AttentionProjection, tf.LayerVariable>();
  private loraB = new Map<AttentionProjection, tf.LayerVariable>();

  constructor(args: BertSelfAttentionArgs) {
    super(args);
    this.heads = args.heads;
    this.seed = args.seed;
    this.loraRank = args.loraRank ?? 0;
    this.loraAlpha = args.loraAlpha ?? 2 * Math.max(1, this.loraRank);
    this.loraTargets = [...(args.loraTargets ?? ["query", "value"])];
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(firstShape(inputShape), this.name);
    if (D % this.heads !== 0) throw new Error(`${this.name}: model size ${D} does not divide into ${this.heads} heads`);
    ATTENTION_PROJECTIONS.forEach((p, i) => {
      this.kernels.set(p, this.addWeight(`${p}_kernel`, [D, D], "float32", tf.initializers.glorotUniform({ seed: this.seed + i })));
      this.biases.set(p, this.addWeight(`${p}_bias`, [D], "float32", tf.initializers.zeros()));
    });
    if (this.loraRank > 0) {
      this.loraTargets.forEach((p, i) => {
        this.loraA.set(p, this.addWeight(`${p}_lora_a`, [D, this.loraRank], "float32", tf.initializers.glorotUniform({ seed: this.seed + 100 + i })));
        this.loraB.set(p, this.addWeight(`${p}_lora_b`, [this.loraRank, D], "float32", tf.initializers.zeros()));
      });
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return firstShape(inputShape);
  }

  /** x·W + b, plus the LoRA update where the projection has one. */
  private project(x: tf.Tensor, p: AttentionProjection): tf.Tensor {
    const y = denseLastAxis(x, this.kernels.get(p)!.read() as tf.Tensor2D, this.biases.get(p)!.read() as tf.Tensor1D);
    const a = this.loraA.get(p);
    if (!a) return y;
    const low = denseLastAxis(x, a.read() as tf.Tensor2D);
    const up = denseLastAxis(low, this.loraB.get(p)!.read() as tf.Tensor2D);
    return tf.add(y, tf.mul(up, this.loraAlpha / this.loraRank));
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${this.name}: expects [x, tokens]`);
      const [x, tokens] = inputs as [tf.Tensor3D, tf.Tensor];
      const [B, T, D] = x.shape;
      const h = this.heads;
      const dh = D / h;
      const split = (t: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(t, [B, T, h, dh]), [0, 2, 1, 3]), [B * h, T, dh]) as tf.Tensor3D;
      const q = split(this.project(x, "query"));
      const k = split(this.project(x, "key"));
      const v = split(this.project(x, "value"));
      const scores = tf.mul(batchMatMul(q, tf.transpose(k, [0, 2, 1])), 1 / Math.sqrt(dh)); // [B·h, T, T]
      const maskAdd = tf.mul(tf.sub(1, keyMask(tokens)), -1e9); // padding targets get −1e9
      const weights = tf.softmax(tf.add(tf.reshape(scores, [B, h, T, T]), tf.reshape(maskAdd, [B, 1, 1, T])));
      const ctx = batchMatMul(tf.reshape(weights, [B * h, T, T]) as tf.Tensor3D, v);
      const merged = tf.reshape(tf.transpose(tf.reshape(ctx, [B, h, T, dh]), [0, 2, 1, 3]), [B, T, D]);
      return this.project(merged, "output");
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, seed: this.seed, loraRank: this.loraRank, loraAlpha: this.loraAlpha, loraTargets: [...this.loraTargets] };
  }
}
tf.serialization.registerClass(BertSelfAttention);
