export * from "./detector.js";
export * from "./registry.js";
export * from "./trained-model.js";
