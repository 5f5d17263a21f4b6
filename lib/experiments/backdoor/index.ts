export * from "./backdoor-study.js";
