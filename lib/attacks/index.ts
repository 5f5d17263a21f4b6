/**
 * Attacks on the detectors: backdoor/ (the clean-label trigger of Cheng, Xu, Yuan, WWW'25
 * companion: trigger choice and insertion, the τ-gated objective, BP and ASR, and a defence).
 * Generic: above models (it wraps their training), below data and experiments.
 */
export * from "./backdoor/index.js";
