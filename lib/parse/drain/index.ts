export * from "./drain.js";
export * from "./template-id.js";
export * from "./template-normalize.js";
export * from "./template-miner.js";
export * from "./state-store.js";
export * from "./state-settings.js";
