export * from "./catalog.js";
export * from "./key-files.js";
