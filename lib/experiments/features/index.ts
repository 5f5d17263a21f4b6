export * from "./feature-set-manifest.js";
export * from "./key-feature-sets.js";
export * from "./key-split-store.js";
export * from "./template-feature-sets.js";
export * from "./key-feature-store.js";
