/**
 * loglab: log parsing and log anomaly detection in TypeScript.
 * Notebooks, tests, benchmarks and the CLI import only from this barrel (or a folder's index).
 */
export * from "./runtime/index.js";
export * from "./io/index.js";
export * from "./data/index.js";
export * from "./parse/index.js";
export * from "./label/index.js";
export * from "./windows/index.js";
export * from "./features/index.js";
export * from "./text/index.js";
export * from "./models/index.js";
export * from "./attacks/index.js";
export * from "./eval/index.js";
export * from "./experiments/index.js";
export * from "./plots/index.js";
export * from "./report/index.js";
export * from "./classify/index.js";
export * from "./live/index.js";
