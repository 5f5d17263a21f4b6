export * from "./trigger.js";
export * from "./insert-trigger.js";
export * from "./poison-sessions.js";
export * from "./tau-gated-objective.js";
export * from "./backdoor-target.js";
export * from "./deeplog-backdoor.js";
export * from "./backdoor-metrics.js";
export * from "./ngram-regularity-filter.js";
