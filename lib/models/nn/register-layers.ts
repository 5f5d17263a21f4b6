/**
 * Importing this module registers every custom loglab layer with TF.js serialization, so that
 * `tf.loadLayersModel` can rebuild saved models. Each layer file calls
 * `tf.serialization.registerClass` itself; this file only makes sure they are all loaded.
 */
import "./key-embedding.js";
import "./fast-lstm.js";
import "./fast-gru.js";
import "./fast-dense.js";
import "./conv1d.js";
import "./layer-norm.js";
import "./positional-embedding.js";
import "./multi-head-attention.js";
import "./sequence-pooling.js";
import "./repeat-to-length.js";
import "./gradient-reversal.js";
import "./outer-product.js";
import "./seeded-dropout.js";
