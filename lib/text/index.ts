export * from "./log-pretokenize.js";
export * from "./wordpiece-tokenizer.js";
export * from "./line-tokens.js";
