export * from "./log-class-experiment.js";
export * from "./model-comparison.js";
