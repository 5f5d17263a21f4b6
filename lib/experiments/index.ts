export * from "./parsing/index.js";
export * from "./labelling/index.js";
export * from "./eda/index.js";
export * from "./features/index.js";
export * from "./detection/index.js";
export * from "./classic/index.js";
export * from "./sequence/index.js";
