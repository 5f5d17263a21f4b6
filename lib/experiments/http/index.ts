export * from "./http-detection.js";
