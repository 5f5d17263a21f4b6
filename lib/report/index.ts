export * from "./table.js";
export * from "./display.js";
export * from "./notebook-run.js";
export * from "./results-table.js";
