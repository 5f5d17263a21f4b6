export * from "./normal-only-protocol.js";
export * from "./deeplog-diagnostics.js";
export * from "./dual-lstm-top-k.js";
