export * from "./sequence-experiment.js";
