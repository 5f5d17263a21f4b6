export * from "./log-pretokenize.js";
export * from "./wordpiece-tokenizer.js";
