import * as tf from "@tensorflow/tfjs";

/** The constructor arguments every tfjs-layers Layer takes (name, trainable, input shape, …). */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** A layer's symbolic or concrete shape, with null for unknown sizes. */
export type LayerShape = (number | null)[];

/** The single tensor of a layer's inputs (layers here take one input unless they say otherwise). */
export function oneTensor(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (Array.isArray(inputs)) {
    if (inputs.length !== 1) throw new Error(`expected one input tensor, got ${inputs.length}`);
    return inputs[0]!;
  }
  return inputs;
}

/** The single shape of a layer's input shapes. */
export function oneShape(shape: LayerShape | LayerShape[]): LayerShape {
  if (Array.isArray(shape[0])) {
    const list = shape as LayerShape[];
    if (list.length !== 1) throw new Error(`expected one input shape, got ${list.length}`);
    return list[0]!;
  }
  return shape as LayerShape;
}

/** Integer keys of a float or int tensor (the inputs of key-sequence models), read synchronously. */
export function keysOf(x: tf.Tensor): Int32Array {
  const v = x.dataSync();
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i]!);
  return out;
}
