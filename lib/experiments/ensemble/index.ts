export * from "./ensemble-experiment.js";
