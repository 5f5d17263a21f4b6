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

/** The shape of a layer's first input (the states `x` of layers that take `[x, keys]`), or its only one. */
export function firstShape(shape: LayerShape | LayerShape[]): LayerShape {
  return (Array.isArray(shape[0]) ? shape[0] : shape) as LayerShape;
}

/** The last dimension of an input shape, which a layer sizes its weights by: an error naming the layer when it is unknown. */
export function knownLastDim(shape: LayerShape, layerName: string, what = "input's"): number {
  const D = shape[shape.length - 1];
  if (typeof D !== "number") throw new Error(`${layerName}: the ${what} last dimension must be known`);
  return D;
}

/** Output shape of a recurrent layer over [B, T, D]: [B, T, units] with `returnSequences`, else [B, units]. */
export function recurrentOutputShape(s: LayerShape, units: number, returnSequences: boolean): LayerShape {
  return returnSequences ? [s[0] ?? null, s[1] ?? null, units] : [s[0] ?? null, units];
}

/** Integer keys of a float or int tensor (the inputs of key-sequence models), read synchronously. */
export function keysOf(x: tf.Tensor): Int32Array {
  const v = x.dataSync();
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i]!);
  return out;
}
