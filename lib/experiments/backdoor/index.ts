export * from "./backdoor-study.js";
export * from "./backdoor-tables.js";
