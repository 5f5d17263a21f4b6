export * from "./key-dataset-overview.js";
export * from "./loghub-template-counts.js";
