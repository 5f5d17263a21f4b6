export * from "./log-record.js";
export * from "./masking.js";
export * from "./tokenize.js";
export * from "./formats/index.js";
export * from "./drain/index.js";
export * from "./log-parser.js";
export * from "./parse-file.js";
export * from "./structured-output.js";
