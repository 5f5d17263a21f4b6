export * from "./detector.js";
export * from "./registry.js";
export * from "./trained-model.js";
export * from "./define-entry.js";
export * from "./classic/index.js";
export * from "./nn/index.js";
export * from "./sequence/index.js";
export * from "./autoencoder/index.js";
