export * from "./catalog.js";
export * from "./loghub-2k.js";
export * from "./synthetic.js";
export * from "./key-dataset-split.js";
export * from "./hdfs-label-file.js";
export * from "./raw-log-dataset.js";
export * from "./dataset-split.js";
export * from "./message-corpus.js";
