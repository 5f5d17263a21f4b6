import * as tf from "@tensorflow/tfjs";
import { customGradOp } from "./fast-ops.js";

/**
 * Rows of an embedding table picked by integer keys: `table[keys[n]]` for every n, as a
 * differentiable op in the table (the keys are data, not differentiated).
 *
 * This is the "one-hot × matMul" embedding of STACK-NOTES (tf.layers.embedding cannot train on
 * wasm: UnsortedSegmentSum is missing) done without the matMul: the forward pass copies rows and
 * the gradient adds rows of dy into the rows they came from, both in plain JS on the tensors'
 * data. For a vocabulary of V keys that is O(N·E) instead of the one-hot product's O(N·V·E).
 *
 * @param table [V, E] float32 embedding table.
 * @param keys N indices in [0, V).
 * @returns [N, E].
 */
export function keyEmbeddingLookup(table: tf.Tensor2D, keys: Int32Array): tf.Tensor2D {
  const [V, E] = table.shape;
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n]!;
    if (k < 0 || k >= V || !Number.isInteger(k)) throw new Error(`keyEmbeddingLookup: key ${k} at ${n} is outside [0, ${V})`);
  }
  // On a GPU backend the table lives in GPU memory and cannot be read synchronously (webgpu in
  // Node has no synchronous read at all): gather on the device; its gradient is
  // UnsortedSegmentSum, which tfjs-backend-webgpu has (wasm does not).
  if (tf.getBackend() === "webgpu") return keyEmbeddingGather(table, keys);
  const op = customGradOp<tf.Tensor2D>(([t], save) => {
    save([]);
    const tv = t!.dataSync() as Float32Array;
    const out = new Float32Array(keys.length * E);
    for (let n = 0; n < keys.length; n++) out.set(tv.subarray(keys[n]! * E, keys[n]! * E + E), n * E);
    return {
      value: tf.tensor2d(out, [keys.length, E]),
      gradFunc: (dy) => {
        const dv = dy.dataSync() as Float32Array;
        const grad = new Float32Array(V * E);
        for (let n = 0; n < keys.length; n++) {
          const src = n * E;
          const dst = keys[n]! * E;
          for (let e = 0; e < E; e++) grad[dst + e] = grad[dst + e]! + dv[src + e]!;
        }
        return [tf.tensor2d(grad, [V, E])];
      },
    };
  });
  return op(table);
}

/**
 * The same lookup as {@link keyEmbeddingLookup} with `tf.gather` (gradient: UnsortedSegmentSum):
 * the path for backends whose tensors live on a GPU. Not usable for training on wasm.
 */
export function keyEmbeddingGather(table: tf.Tensor2D, keys: Int32Array): tf.Tensor2D {
  return tf.tidy(() => tf.gather(table, tf.tensor1d(keys, "int32")) as tf.Tensor2D);
}
