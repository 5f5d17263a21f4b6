export * from "./ensemble-label.js";
export * from "./cosine-nearest.js";
export * from "./frequent-rare-ensemble.js";
export * from "./label-table.js";
export * from "./triage-queue.js";
export * from "./triage-llm.js";
