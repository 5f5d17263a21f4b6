export * from "./ensemble-experiment.js";
export * from "./ensemble-data.js";
