export * from "./backdoor-study.js";
export * from "./backdoor-tables.js";
export * from "./trigger-ranks.js";
