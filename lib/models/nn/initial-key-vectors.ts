import * as tf from "@tensorflow/tfjs";
import type { KeyVectors } from "../detector.js";

/**
 * Starts a model's key-embedding layer from given vectors (pretrained word vectors of the tokens
 * behind the keys, or vectors trained on the logs): the row of each known key that has a vector
 * is replaced by it, the others keep their random start; with `freeze`, the layer is not trained.
 * `inputIndexOf(key)` is the model's own key → row mapping. Returns how many rows were set.
 */
export function initialiseKeyEmbedding(model: tf.LayersModel, layerName: string, keys: readonly number[], inputIndexOf: (key: number) => number, vectors: KeyVectors): number {
  const layer = model.getLayer(layerName);
  const [table] = layer.getWeights();
  if (!table || table.shape.length !== 2) throw new Error(`${model.name}: layer ${layerName} holds no embedding table`);
  const [rows, dim] = table.shape as [number, number];
  if (dim !== vectors.dim) throw new Error(`${model.name}: the embedding has ${dim} dimensions but the vectors have ${vectors.dim} (set embeddingDim to ${vectors.dim})`);
  const values = Float32Array.from(table.dataSync());
  let set = 0;
  for (const key of keys) {
    const v = vectors.vector(key);
    const row = inputIndexOf(key);
    if (!v || row < 0 || row >= rows) continue;
    for (let d = 0; d < dim; d++) values[row * dim + d] = v[d]!;
    set++;
  }
  layer.setWeights([tf.tensor2d(values, [rows, dim])]);
  if (vectors.freeze) layer.trainable = false;
  return set;
}
