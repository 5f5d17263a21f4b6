export * from "./confusion.js";
export * from "./threshold-curve.js";
export * from "./roc.js";
export * from "./choose-threshold.js";
export * from "./multiclass-confusion.js";
export * from "./classification-report.js";
export * from "./k-fold.js";
export * from "./detection-report.js";
