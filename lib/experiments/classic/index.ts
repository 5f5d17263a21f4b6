export * from "./log-class-experiment.js";
export * from "./loglizer-published.js";
