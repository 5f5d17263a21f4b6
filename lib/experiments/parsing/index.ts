export * from "./loghub-event-rates.js";
export * from "./loghub-parsing-benchmark.js";
