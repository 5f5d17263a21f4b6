export * from "./event-window.js";
export * from "./session.js";
export * from "./sliding.js";
export * from "./fixed.js";
export * from "./chronological-split.js";
export * from "./split-leakage.js";
export * from "./duplicate-stats.js";
export * from "./event-rate.js";
