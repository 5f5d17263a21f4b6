import { TRAINING_PARAM_RANGES } from "./nn/training-params.js";

/**
 * The values a model parameter may take. Numbers are always finite; `integer`, `min`/`max`
 * (inclusive unless `minExclusive`/`maxExclusive`) narrow them; `oneOf` lists the words a string
 * may be; `items` applies to every element of a list. Types themselves are checked by
 * `resolveConfig` against the defaults.
 */
export interface ParamRange {
  integer?: boolean;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  oneOf?: readonly string[];
  items?: ParamRange;
}

const int = (min: number, max?: number): ParamRange => ({ integer: true, min, ...(max !== undefined ? { max } : {}) });
const positive: ParamRange = { min: 0, minExclusive: true };
const nonNegative: ParamRange = { min: 0 };
const share: ParamRange = { min: 0, minExclusive: true, max: 1 };

/**
 * Ranges of the model parameters, by name: a name means the same thing in every model that has it
 * (epochs, window, nEstimators, …). The neural training parameters are declared beside their
 * definition (`TRAINING_PARAM_RANGES` in nn/training-params.ts). A parameter added to a model
 * needs an entry here: test/models/param-ranges.test.ts checks every registered default.
 */
export const MODEL_PARAM_RANGES: Readonly<Record<string, ParamRange>> = {
  ...TRAINING_PARAM_RANGES,
  // features of count-vector models
  termWeighting: { oneOf: ["none", "tf-idf"] },
  normalization: { oneOf: ["none", "zero-mean", "sigmoid"] },
  minCount: int(1),
  balance: { oneOf: ["none", "class-weight", "smote"] },
  smoteK: int(1),
  // classic models
  nComponents: positive, // a share of the variance in (0, 1], or a number of components
  cAlpha: positive,
  percentage: share,
  epsilon: nonNegative,
  longestInvariant: int(1),
  maxCandidates: int(1),
  maxDist: nonNegative,
  anomalyThreshold: nonNegative,
  bootstrapSamples: int(1),
  nEstimators: int(1),
  maxSamples: int(2),
  contamination: { min: 0, max: 0.5, maxExclusive: true },
  alarmKeys: { items: int(0) },
  C: positive,
  maxIterations: int(1),
  tolerance: positive,
  maxDepth: int(0), // 0: no limit
  minSamplesSplit: int(2),
  minSamplesLeaf: int(1),
  maxFeatures: int(0), // 0: √F
  maxBins: int(2, 255),
  nRounds: int(1),
  minChildWeight: nonNegative,
  lambda: nonNegative,
  gamma: nonNegative,
  subsample: share,
  colsample: share,
  earlyStoppingRounds: int(0),
  // sequence and autoencoder models
  window: int(1),
  layers: int(1),
  hiddenUnits: int(1),
  embeddingDim: int(1),
  padding: { oneOf: ["reference", "left", "start"] },
  topG: int(1),
  sessionRule: { oneOf: ["any-miss", "miss-share", "miss-count"] },
  missShare: { min: 0, max: 1, maxExclusive: true },
  clipNorm: nonNegative, // 0: no clipping
  lossNormalization: { oneOf: ["batch", "dataset"] },
  inferenceBatchSize: int(1),
  maxBatchKeys: int(1),
  maxLength: int(1),
  rareShare: { min: 0, minExclusive: true, max: 1, maxExclusive: true },
  rareWindow: int(1),
  classWeight: { oneOf: ["balanced", "none"] },
  blocks: int(1),
  heads: int(1),
  ffnDim: int(1),
  filters: int(1),
  kernelSize: int(1),
  hidden: { items: int(1) },
  latentDim: int(1),
  filterShare: { min: 0, max: 1, maxExclusive: true },
  // LogBERT
  hiddenSize: int(1),
  dropout: { min: 0, max: 1, maxExclusive: true },
  maskRatio: share,
  scoreMaskRatio: { min: 0, max: 1 },
  topGChoice: { oneOf: ["validation", "fixed"] },
  missRule: { oneOf: ["count", "share"] },
  shortSessions: { oneOf: ["flag", "score"] },
  unseenKeys: { oneOf: ["flag", "count"] },
  hypersphereWeight: nonNegative,
  warmupSteps: int(0),
  severityDim: int(1),
  maxBatchTokens: int(1),
  scoreSeed: int(0),
};

/** The range declared for a model's parameter (undefined when none is). */
export function paramRangeOf(_model: string, key: string): ParamRange | undefined {
  return MODEL_PARAM_RANGES[key];
}

/** A range in words: "an integer ≥ 1", "in [0, 0.5)", "one of a, b". */
export function describeRange(r: ParamRange): string {
  if (r.oneOf) return `one of ${r.oneOf.join(", ")}`;
  if (r.items) return `hold ${describeRange(r.items).replace(/^an integer/, "integers").replace(/^a number/, "numbers")}`;
  const what = r.integer ? "an integer" : "a number";
  if (r.min !== undefined && r.max !== undefined) return `${r.integer ? "an integer " : ""}in ${r.minExclusive ? "(" : "["}${r.min}, ${r.max}${r.maxExclusive ? ")" : "]"}`;
  if (r.min !== undefined) return r.integer ? `${what} ${r.minExclusive ? ">" : "≥"} ${r.min}` : `${r.minExclusive ? ">" : "≥"} ${r.min}`;
  if (r.max !== undefined) return r.integer ? `${what} ${r.maxExclusive ? "<" : "≤"} ${r.max}` : `${r.maxExclusive ? "<" : "≤"} ${r.max}`;
  return `a finite ${r.integer ? "integer" : "number"}`;
}

function fits(v: unknown, r: ParamRange): boolean {
  if (r.items) return Array.isArray(v) && v.every((x) => fits(x, r.items!));
  if (r.oneOf) return typeof v === "string" && r.oneOf.includes(v);
  if (typeof v !== "number" || !Number.isFinite(v)) return false;
  if (r.integer && !Number.isInteger(v)) return false;
  if (r.min !== undefined && (r.minExclusive ? !(v > r.min) : !(v >= r.min))) return false;
  if (r.max !== undefined && (r.maxExclusive ? !(v < r.max) : !(v <= r.max))) return false;
  return true;
}

/**
 * Checks resolved model parameters against their declared ranges, so a value that would train
 * nothing or garbage (epochs −1, learning rate 0, contamination 0.7) is an error naming the
 * setting, its range and `source`, for every model alike. Any other number must be finite.
 * Returns the parameters.
 *
 * @example
 * checkParamRanges("deeplog", { ...DEEPLOG_DEFAULTS, epochs: -1 }, "--params"); // throws: setting "epochs" must be an integer ≥ 1, got -1
 */
export function checkParamRanges<P extends object>(model: string, params: P, source: string): P {
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    const r = paramRangeOf(model, key);
    if (r === undefined) {
      if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${source}: setting "${key}" must be a finite number, got ${value}`);
      continue;
    }
    if (!fits(value, r)) {
      const phrase = r.items || r.oneOf ? `must ${r.items ? "" : "be "}${describeRange(r)}` : `must be ${describeRange(r)}`;
      throw new Error(`${source}: setting "${key}" ${phrase}, got ${JSON.stringify(value)}`);
    }
  }
  return params;
}
