import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../runtime/rng.js";
import { MaskedMeanPooling } from "../nn/sequence-pooling.js";
import { buildBertEncoder } from "./bert-encoder.js";
import { lengthSortedBatches } from "./length-batches.js";
import { loadEncoderWeightsInto, LOG_TEXT_ENCODER_PREFIX, type LogTextEncoder } from "./log-text-encoder.js";

/**
 * Sentence embeddings of messages with a pretrained (not fine-tuned) log-text encoder: the mean of
 * the final hidden states over the real tokens, row-major [n, hidden]. Messages with the same
 * token row are embedded once.
 *
 * @example
 * const emb = embedWithEncoder(encoder, ["Failed password for root"]); // Float32Array(hidden)
 */
export function embedWithEncoder(encoder: LogTextEncoder, contents: readonly string[], maxLength = Math.min(48, encoder.config.maxLength)): Float32Array {
  const g = buildBertEncoder({ ...encoder.config, dropout: 0 }, new Rng(0), LOG_TEXT_ENCODER_PREFIX);
  const pooled = new MaskedMeanPooling({ name: "sentence_pool" }).apply([g.hidden, g.inputs[0]!]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: g.inputs[0]!, outputs: pooled });
  try {
    loadEncoderWeightsInto(model, encoder.weights);
    const H = encoder.config.hidden;
    const keyOf = new Map<string, number>();
    const rows: Int32Array[] = [];
    const rowOf = contents.map((c) => {
      const ids = encoder.tokenizer.encode(c, maxLength);
      const key = ids.join(",");
      let r = keyOf.get(key);
      if (r === undefined) {
        r = rows.length;
        keyOf.set(key, r);
        rows.push(Int32Array.from(ids));
      }
      return r;
    });
    const distinct = new Float32Array(rows.length * H);
    for (const idx of lengthSortedBatches(Int32Array.from(rows, (r) => r.length), 128, 128 * 64, null)) {
      const T = Math.max(...Array.from(idx, (i) => rows[i]!.length));
      const tok = new Float32Array(idx.length * T);
      idx.forEach((i, b) => tok.set(rows[i]!, b * T));
      const e = tf.tidy(() => (model.predict(tf.tensor2d(tok, [idx.length, T])) as tf.Tensor).dataSync() as Float32Array);
      idx.forEach((i, b) => distinct.set(e.subarray(b * H, (b + 1) * H), i * H));
    }
    const out = new Float32Array(contents.length * H);
    rowOf.forEach((r, i) => out.set(distinct.subarray(r * H, (r + 1) * H), i * H));
    return out;
  } finally {
    model.dispose();
  }
}
