export * from "./log-text-pretraining.js";
export * from "./line-class-protocols.js";
export * from "./encoder-store.js";
export * from "./line-class-report.js";
