export * from "./figure.js";
export * from "./html.js";
export * from "./png.js";
export * from "./save.js";
export * from "./dataset-sizes.js";
