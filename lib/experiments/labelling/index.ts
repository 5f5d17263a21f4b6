export * from "./ground-truth-summary.js";
export * from "./loghub-labels.js";
export * from "./parsed-template-labels.js";
export * from "./rule-label-checks.js";
export * from "./loghub-alert-ratio.js";
export * from "./labelled-log-lines.js";
