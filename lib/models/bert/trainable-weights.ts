import type * as tf from "@tensorflow/tfjs";

/** Parameter counts of a model. */
export interface ParameterCount {
  total: number;
  trainable: number;
}

/** Counts a model's parameters, all and trainable (LoRA reports both). */
export function countParameters(model: tf.LayersModel): ParameterCount {
  let total = 0;
  let trainable = 0;
  for (const w of model.weights) {
    const n = w.shape.reduce<number>((p, d) => p * (d ?? 0), 1);
    total += n;
    if (w.trainable) trainable += n;
  }
  return { total, trainable };
}

/**
 * Freezes and unfreezes single weights: every weight of `model` is trainable exactly when
 * `keep(layerName, weightName)` is true (`weightName` is the name inside the layer, e.g.
 * `query_kernel`, `query_lora_a`, `embeddings`, `gamma`). Returns the names kept trainable.
 * Frozen weights are left out of `model.trainableWeights`, which is what the training loop
 * updates.
 *
 * @example
 * // LoRA: train the adapters and the classification head only.
 * setTrainableWeights(model, (layer, weight) => weight.includes("_lora_") || layer.startsWith("head"));
 */
export function setTrainableWeights(model: tf.LayersModel, keep: (layerName: string, weightName: string) => boolean): string[] {
  const kept: string[] = [];
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      const local = w.originalName.slice(w.originalName.lastIndexOf("/") + 1);
      const on = keep(layer.name, local);
      w.trainable = on;
      if (on) kept.push(`${layer.name}/${local}`);
    }
  }
  return kept;
}
