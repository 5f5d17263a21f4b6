import { defineEntry } from "../define-entry.js";
import { DenseAutoencoderDetector, DENSE_AE_DEFAULTS } from "./dense-ae.js";
import { IForestAutoencoder, IFOREST_AE_DEFAULTS } from "./iforest-ae.js";
import { LstmAutoencoder, LSTM_AE_DEFAULTS } from "./lstm-ae.js";

/** Registry entries of the autoencoder family. */
export const autoencoderEntries = {
  "dense-ae": defineEntry({
    description: "Dense autoencoder on log-scaled event-count vectors, trained on normal sessions; score = reconstruction MSE",
    family: "autoencoder",
    supervision: "semi-supervised",
    fitSet: "normals",
    defaults: DENSE_AE_DEFAULTS,
    create: (p, ctx) => new DenseAutoencoderDetector(p, ctx.rng),
    load: (dir) => DenseAutoencoderDetector.load(dir),
  }),
  "lstm-ae": defineEntry({
    description: "LSTM encoder-decoder autoencoder on key sequences, trained on normal sessions; score = mean per-step reconstruction cross-entropy",
    family: "autoencoder",
    supervision: "semi-supervised",
    fitSet: "normals",
    defaults: LSTM_AE_DEFAULTS,
    create: (p, ctx) => new LstmAutoencoder(p, ctx.rng, ctx.keyVectors),
    load: (dir) => LstmAutoencoder.load(dir),
  }),
  "iforest-ae": defineEntry({
    description: "Isolation Forest filters suspected anomalies from unlabelled training sessions, an autoencoder learns the rest (Farzad & Gulliver, ICT Express 2020, one-AE variant)",
    family: "autoencoder",
    supervision: "unsupervised",
    fitSet: "unlabelled",
    defaults: IFOREST_AE_DEFAULTS,
    create: (p, ctx) => new IForestAutoencoder("iforest-ae", p, ctx.rng),
    load: (dir) => IForestAutoencoder.load(dir, "iforest-ae"),
  }),
  "iforest-2ae": defineEntry({
    description: "Farzad & Gulliver (ICT Express 2020): AE 1 extracts features, Isolation Forest on them picks normal sessions, AE 2 trained on those scores by reconstruction error",
    family: "autoencoder",
    supervision: "unsupervised",
    fitSet: "unlabelled",
    defaults: IFOREST_AE_DEFAULTS,
    create: (p, ctx) => new IForestAutoencoder("iforest-2ae", p, ctx.rng),
    load: (dir) => IForestAutoencoder.load(dir, "iforest-2ae"),
  }),
};
