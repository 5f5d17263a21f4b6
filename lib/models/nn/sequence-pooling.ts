import * as tf from "@tensorflow/tfjs";
import { denseLastAxis } from "./fast-ops.js";
import { keyMask } from "./key-mask.js";
import { activate } from "./fast-dense.js";
import { firstShape, knownLastDim, type BaseLayerArgs, type LayerShape } from "./layer-args.js";

/** [B, T, D] states → [B, D]: the output shape of both pooling layers. */
function pooledShape(inputShape: LayerShape | LayerShape[]): LayerShape {
  const s = firstShape(inputShape);
  return [s[0] ?? null, s[2] ?? null];
}

function pair(inputs: tf.Tensor | tf.Tensor[], name: string): [tf.Tensor3D, tf.Tensor] {
  if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${name}: expects [states, keys]`);
  return inputs as [tf.Tensor3D, tf.Tensor];
}

/** A masked pooling layer: inputs `[states, keys]` → [B, D]; subclasses say how the real steps pool. */
abstract class MaskedPooling extends tf.layers.Layer {
  constructor(args: BaseLayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return pooledShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [h, keys] = pair(inputs, this.name);
      return this.pool(h, tf.expandDims(keyMask(keys), 2)); // mask [B, T, 1], 1 on real steps
    });
  }

  /** Pools states [B, T, D] with the real-step mask [B, T, 1]. */
  protected abstract pool(h: tf.Tensor3D, m: tf.Tensor): tf.Tensor;
}

/** Mean of [B, T, D] states over the real (non-padding) steps: inputs `[states, keys]` → [B, D]. */
export class MaskedMeanPooling extends MaskedPooling {
  static className = "LoglabMaskedMeanPooling";

  protected pool(h: tf.Tensor3D, m: tf.Tensor): tf.Tensor {
    return tf.div(tf.sum(tf.mul(h, m), 1), tf.maximum(tf.sum(m, 1), 1));
  }
}
tf.serialization.registerClass(MaskedMeanPooling);

/**
 * Largest value of each feature over the real (non-padding) steps of [B, T, D] states: inputs
 * `[states, keys]` → [B, D]. Where one token decides (a keyword), the mean dilutes it with the
 * line's other tokens; the maximum keeps it (Collobert et al., JMLR 2011, §3.3.2).
 */
export class MaskedMaxPooling extends MaskedPooling {
  static className = "LoglabMaskedMaxPooling";

  protected pool(h: tf.Tensor3D, m: tf.Tensor): tf.Tensor {
    const max = tf.max(tf.add(tf.mul(h, m), tf.mul(tf.sub(1, m), -1e9)), 1);
    const any = tf.broadcastTo(tf.greater(tf.sum(m, 1), 0), max.shape); // [B, D]
    return tf.where(any, max, tf.zerosLike(max)); // an all-padding row pools to 0, as the mean's
  }
}
tf.serialization.registerClass(MaskedMaxPooling);

/** Arguments of {@link AttentionPooling}. */
export interface AttentionPoolingArgs extends BaseLayerArgs {
  /** Size of the attention's hidden projection. */
  units: number;
  seed: number;
}

/**
 * Additive attention pooling (Zhou et al., ACL'16, "Attention-Based Bidirectional LSTM"):
 * u_t = tanh(W·h_t + b), α = softmax over real steps of vᵀu_t, output Σ α_t h_t. Inputs
 * `[states, keys]` → [B, D].
 */
export class AttentionPooling extends tf.layers.Layer {
  static className = "LoglabAttentionPooling";
  readonly units: number;
  readonly seed: number;
  private w: tf.LayerVariable | null = null;
  private b: tf.LayerVariable | null = null;
  private v: tf.LayerVariable | null = null;

  constructor(args: AttentionPoolingArgs) {
    super(args);
    this.units = args.units;
    this.seed = args.seed;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const D = knownLastDim(firstShape(inputShape), this.name, "states'");
    this.w = this.addWeight("w", [D, this.units], "float32", tf.initializers.glorotUniform({ seed: this.seed }));
    this.b = this.addWeight("b", [this.units], "float32", tf.initializers.zeros());
    this.v = this.addWeight("v", [this.units, 1], "float32", tf.initializers.glorotUniform({ seed: this.seed + 1 }));
    this.built = true;
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    return pooledShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [h, keys] = pair(inputs, this.name);
      const [B, T] = h.shape;
      const u = activate(denseLastAxis(h, this.w!.read() as tf.Tensor2D, this.b!.read() as tf.Tensor1D), "tanh");
      const e = tf.reshape(denseLastAxis(u, this.v!.read() as tf.Tensor2D), [B, T]);
      const alpha = tf.softmax(tf.add(e, tf.mul(tf.sub(1, keyMask(keys)), -1e9))); // [B, T]
      return tf.sum(tf.mul(h, tf.expandDims(alpha, 2)), 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}
tf.serialization.registerClass(AttentionPooling);
