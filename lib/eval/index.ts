export * from "./confusion.js";
export * from "./threshold-curve.js";
export * from "./roc.js";
export * from "./choose-threshold.js";
