export * from "./count-vectors.js";
export * from "./dense-autoencoder.js";
export * from "./dense-ae.js";
export * from "./lstm-ae.js";
export * from "./iforest-ae.js";
export * from "./entries.js";
