export * from "./atomic-write.js";
export * from "./file-hash.js";
export * from "./rejected.js";
export * from "./csv.js";
export * from "./line-reader.js";
export * from "./arrow-writer.js";
export * from "./key-files.js";
export * from "./line-ref.js";
