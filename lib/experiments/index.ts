/**
 * Experiments: what the notebooks run, stage by stage, on top of the generic layers.
 * - parsing/, labelling/, eda/, features/: notebooks 01–04's glue (LogHub benchmarks, saved
 *   labels, 04's splits and feature sets with their loaders);
 * - detection/: the one runner of detection experiments (fitDetector, chooseDetectorThreshold,
 *   buildModelCard, runDetectionExperiment, trainDetector for `loglab train`), inspection of
 *   flagged sessions, findings, typed tables, figure inputs;
 * - classic/, sequence/: what only those families need (the 7-class task and loglizer's numbers;
 *   DeepLog's protocol and diagnostics, the dual LSTM's top-k).
 *
 * - ensemble/: the frequent/rare ensemble study (dual LSTM + LogBERT-severity, label table, triage queue).
 * - bert/: the log-text encoder's pretraining on the shipped logs and its store, the line-class
 *   protocols comparing the BERT classifiers with notebook 05's classic ones.
 *
 * Extension points: a backdoor study (or more BERT work) adds a folder here, registers its
 * models with `defineEntry` (family, supervision, fitSet) in lib/models, runs them through
 * detection/'s runner (or builds on fitDetector / chooseDetectorThreshold / buildModelCard for a
 * different protocol), and exports its own typed tables and findings from its folder's index.
 */
export * from "./parsing/index.js";
export * from "./labelling/index.js";
export * from "./eda/index.js";
export * from "./features/index.js";
export * from "./detection/index.js";
export * from "./classic/index.js";
export * from "./sequence/index.js";
export * from "./bert/index.js";
export * from "./http/index.js";
export * from "./text/index.js";
export * from "./backdoor/index.js";
export * from "./ensemble/index.js";
