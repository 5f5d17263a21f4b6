export * from "./drain.js";
export * from "./template-id.js";
export * from "./template-normalize.js";
export * from "./template-refinement.js";
export * from "./loglab-refinement.js";
export * from "./original-token.js";
export * from "./template-miner.js";
export * from "./state-store.js";
