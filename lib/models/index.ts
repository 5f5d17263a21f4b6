export * from "./detector.js";
export * from "./registry.js";
export * from "./trained-model.js";
export * from "./define-entry.js";
export * from "./train-pipeline.js";
export * from "./classic/index.js";
export * from "./detection-experiment.js";
