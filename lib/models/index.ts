export * from "./detector.js";
export * from "./registry.js";
