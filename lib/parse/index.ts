export * from "./log-record.js";
