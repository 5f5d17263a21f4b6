export * from "./file-follower.js";
export * from "./live-sessionizer.js";
export * from "./live-detector.js";
