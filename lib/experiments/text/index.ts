export * from "./token-embeddings.js";
export * from "./raw-log-training.js";
export * from "./text-line-experiments.js";
