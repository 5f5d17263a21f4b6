import * as tf from "@tensorflow/tfjs";

/** 1 where a key input is a real key, 0 where it is padding (input index 0): [B, T] float32. */
export function keyMask(keys: tf.Tensor): tf.Tensor2D {
  return tf.cast(tf.greater(keys, 0.5), "float32") as tf.Tensor2D;
}
