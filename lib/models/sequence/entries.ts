import { defineEntry } from "../define-entry.js";
import { DeepLog, DEEPLOG_DEFAULTS } from "./deeplog.js";
import { DualLstm, DUAL_LSTM_DEFAULTS } from "./dual-lstm.js";
import type { ClassifierArchitecture } from "./classifier-models.js";
import { SessionClassifier, SESSION_CLASSIFIER_DEFAULTS, type SessionClassifierParams } from "./session-classifier.js";

function classifierEntry(arch: ClassifierArchitecture, description: string, defaults: Partial<SessionClassifierParams> = {}) {
  return defineEntry<SessionClassifierParams, SessionClassifier>({
    description,
    family: "sequence-classifier",
    supervision: "supervised",
    fitSet: "labelled",
    defaults: { ...SESSION_CLASSIFIER_DEFAULTS, ...defaults },
    create: (p, ctx) => new SessionClassifier(arch, p, ctx.rng, ctx.keyVectors),
    load: (dir) => SessionClassifier.load(dir, arch),
  });
}

/** Registry entries of the sequence family. */
export const sequenceEntries = {
  deeplog: defineEntry({
    description: "DeepLog: stacked LSTM next-key model, anomalous if a next key falls outside the top g (Du et al., CCS'17)",
    family: "next-key",
    supervision: "semi-supervised",
    fitSet: "normals",
    defaults: DEEPLOG_DEFAULTS,
    create: (p, ctx) => new DeepLog(p, ctx.rng),
    load: (dir) => DeepLog.load(dir),
  }),
  "dual-lstm": defineEntry({
    description: "Dual LSTM: separate next-key LSTMs for frequent and rare templates (split by occurrence), top-g rule on both",
    family: "next-key",
    supervision: "semi-supervised",
    fitSet: "normals",
    defaults: DUAL_LSTM_DEFAULTS,
    create: (p, ctx) => new DualLstm(p, ctx.rng),
    load: (dir) => DualLstm.load(dir),
  }),
  lstm: classifierEntry("lstm", "Supervised LSTM session classifier: key embedding → LSTM → logit, class-weighted (Le & Zhang, ICSE'22 baselines)"),
  gru: classifierEntry("gru", "Supervised GRU session classifier: key embedding → GRU → logit, class-weighted"),
  "bilstm-attention": classifierEntry("bilstm-attention", "Supervised BiLSTM with additive attention pooling over key embeddings (LogRobust-style, Zhang et al., FSE'19)"),
  "cnn-lstm": classifierEntry("cnn-lstm", "Supervised CNN-LSTM: 1-D convolution over key embeddings, then an LSTM"),
  transformer: classifierEntry("transformer", "Supervised Transformer encoder: key + learned positional embeddings, multi-head self-attention blocks, masked mean pooling"),
  "cnn-transformer": classifierEntry("cnn-transformer", "Supervised CNN-Transformer: 1-D convolution over key embeddings, then a Transformer encoder block"),
};
