/**
 * The CLI's subcommands. Each is loaded only when used, so `loglab parse` does not load TF.js.
 * A command module exports `run(argv): Promise<number>` (the exit status) and `usage`.
 */
export interface CommandModule {
  usage: string;
  run(argv: readonly string[]): Promise<number>;
}

export const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  parse: { summary: "parse log files into structured events and templates (LogHub formats, syslog, Apache, custom; Drain)", load: () => import("./parse.js") },
  sessions: { summary: "raw logs to DeepLog-style key files: parse, group into sessions or windows, map templates to keys", load: () => import("./sessions.js") },
  synth: { summary: "write a seeded synthetic labeled log (syslog, Apache error, custom, or Apache access log with web attacks)", load: () => import("./synth.js") },
  train: { summary: "train a detector on DeepLog-style key files; threshold chosen on validation", load: () => import("./train.js") },
  detect: { summary: "score a key file with a trained model: lineNo, score, 0|1 per session", load: () => import("./detect.js") },
  classify: { summary: "classify log lines with a 7-class line classifier: log type, template, class, confidence, probabilities", load: () => import("./classify.js") },
  serve: { summary: "REST API and web page of the 7-class line classifier (and session detectors), on 127.0.0.1:8080", load: () => import("./serve.js") },
  pretrain: { summary: "pretrain the log-text BERT encoder (masked LM) on every shipped raw log; writes models/bert-log-encoder-<profile>", load: () => import("./pretrain.js") },
  "train-classifier": { summary: "fine-tune a 7-class line classifier (bert-dann, bert-lora, bert-hybrid) on the LogHub 2k rule labels", load: () => import("./train-classifier.js") },
  infer: { summary: "score a raw log (text lines or an access log) with a model trained by `train --config`: lines, score, 0|1", load: () => import("./infer.js") },
  backdoor: { summary: "backdoor study (Cheng, Xu, Yuan, WWW'25): benign vs backdoored DeepLog, BP and ASR, a defence; writes report.json", load: () => import("./backdoor.js") },
  tail: { summary: "follow a growing log (rotation, truncation): parse with the saved Drain state, group sessions, print each anomaly with its raw lines", load: () => import("./tail.js") },
  ensemble: { summary: "label lines and sessions Danger / Watch Out / Normal (dual LSTM + LogBERT-severity, frequent/rare templates); writes a triage queue", load: () => import("./ensemble.js") },
  evaluate: { summary: "P/R/F1, FP, FN of a trained model on labelled key files (all and distinct sessions)", load: () => import("./evaluate.js") },
};
