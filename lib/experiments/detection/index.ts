export * from "./experiment-model.js";
export * from "./choose-detector-threshold.js";
export * from "./fit-detector.js";
export * from "./model-card.js";
export * from "./detection-experiment.js";
export * from "./train-detector.js";
export * from "./detection-tables.js";
