export * from "./catalog.js";
export * from "./key-files.js";
export * from "./loghub-2k.js";
export * from "./synthetic.js";
export * from "./message-corpus.js";
