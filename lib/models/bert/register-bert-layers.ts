/**
 * Importing this module registers the BERT layers (and, through saved-model.ts, every nn layer)
 * with TF.js serialization, so a saved BERT model can be loaded with `loadLayersModel`.
 */
import "../nn/register-layers.js";
import "./bert-self-attention.js";
import "./first-token.js";
import "./select-positions.js";
