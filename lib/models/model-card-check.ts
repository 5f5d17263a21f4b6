import type { ModelCard } from "./trained-model.js";

const HEX64 = /^[0-9a-f]{64}$/;
const THRESHOLD_SOURCE_KINDS = ["max-f1", "max-fpr", "fixed", "model", "described"];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Checks the shape of a parsed model card (`loglab-model.json`) field by field, so a card that
 * parses but holds a wrong type (a threshold written as a string, a missing policy) is an error
 * naming the file and the field, never a model that decides with garbage. Returns the card.
 */
export function checkModelCard(value: unknown, path: string): ModelCard {
  const fail = (what: string): never => {
    throw new Error(`${path}: ${what}`);
  };
  if (!isObject(value)) return fail("not a JSON object");
  const c = value;
  if (c.format !== "loglab.model") fail(`format is ${JSON.stringify(c.format)}, expected "loglab.model"`);
  if (c.version !== 1 && c.version !== 2) fail(`version ${JSON.stringify(c.version)} is not supported (this loglab reads versions 1 and 2)`);
  if (typeof c.name !== "string" || c.name === "") fail("name must be a model name");
  if (!isObject(c.params)) fail("params must be an object");
  if (typeof c.threshold !== "number" || !Number.isFinite(c.threshold)) fail(`threshold must be a finite number, got ${JSON.stringify(c.threshold)}`);
  const policy = c.thresholdPolicy;
  if (!isObject(policy) || !["max-f1", "max-fpr", "fixed"].includes(policy.kind as string)) fail(`thresholdPolicy must be max-f1, max-fpr or fixed, got ${JSON.stringify(policy)}`);
  if (c.validation !== null && !isObject(c.validation)) fail("validation must be an object or null");
  if (typeof c.seed !== "number" || !Number.isInteger(c.seed)) fail(`seed must be an integer, got ${JSON.stringify(c.seed)}`);
  if (typeof c.trainedAt !== "string") fail("trainedAt must be a string");
  const t = c.training;
  if (!isObject(t) || !Array.isArray(t.files)) fail("training must hold files, sessions, normal, abnormal, validationSessions");
  for (const k of ["sessions", "normal", "abnormal", "validationSessions"]) {
    const n = (t as Record<string, unknown>)[k];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) fail(`training.${k} must be a count, got ${JSON.stringify(n)}`);
  }
  if (!isObject(c.fit) || typeof c.fit.seconds !== "number") fail("fit must be an object with seconds");
  if (typeof c.thresholdSource === "string") c.thresholdSource = { kind: "described", text: c.thresholdSource };
  else if (c.thresholdSource !== undefined && !(isObject(c.thresholdSource) && THRESHOLD_SOURCE_KINDS.includes(c.thresholdSource.kind as string)))
    fail(`thresholdSource must be one of ${THRESHOLD_SOURCE_KINDS.join(", ")}, got ${JSON.stringify(c.thresholdSource)}`);
  if (c.vocabulary !== undefined && (!Array.isArray(c.vocabulary) || !c.vocabulary.every((k) => Number.isInteger(k) && (k as number) >= 0))) fail("vocabulary must be a list of non-negative integer keys");
  if (c.validationSplit !== undefined && !isObject(c.validationSplit)) fail("validationSplit must be an object");
  if (c.version === 2) {
    if (!isObject(c.files) || Object.keys(c.files).length === 0) fail("files (the checksum of every file of the model) is missing");
    for (const [f, h] of Object.entries(c.files as Record<string, unknown>)) if (typeof h !== "string" || !HEX64.test(h)) fail(`files["${f}"] is not a SHA-256`);
  }
  return c as unknown as ModelCard;
}
