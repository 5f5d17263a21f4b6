export * from "./detection-experiment.js";
export * from "./train-pipeline.js";
