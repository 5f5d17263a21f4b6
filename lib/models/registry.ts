// Re-exported first: family entry files import defineEntry while this module is still loading.
export { defineEntry, type DetectorEntry } from "./define-entry.js";
import { resolveConfig } from "../runtime/config.js";
import { checkParamRanges } from "./param-ranges.js";
import type { Detector, DetectorContext, SessionSet, Supervision } from "./detector.js";
import type { DetectorEntry } from "./define-entry.js";
import { classicEntries } from "./classic/entries.js";
import { sequenceEntries } from "./sequence/entries.js";
import { autoencoderEntries } from "./autoencoder/entries.js";

/** Every model reachable by name (notebooks, `loglab train/detect/evaluate`). */
export const detectorRegistry = { ...classicEntries, ...sequenceEntries, ...autoencoderEntries };

/** The names of all registered models. */
export type ModelName = keyof typeof detectorRegistry;
/** The parameter type of a model. */
export type ParamsOf<N extends ModelName> = (typeof detectorRegistry)[N] extends DetectorEntry<infer P> ? P : never;

/** All model names, in registry order. */
export function modelNames(): ModelName[] {
  return Object.keys(detectorRegistry) as ModelName[];
}

function entryOf(name: string): DetectorEntry<object> {
  const entry = (detectorRegistry as Record<string, DetectorEntry<object>>)[name];
  if (!entry) throw new Error(`Unknown model "${name}". Known models: ${modelNames().join(", ")}`);
  return entry;
}

/**
 * Creates a detector by name. Parameters are merged into the model's defaults; an unknown
 * parameter, or a value outside its declared range (models/param-ranges.ts), is rejected by name.
 *
 * @example
 * const pca = createDetector("pca", { nComponents: 0.95 }, { rng: new Rng(42) });
 */
export function createDetector<N extends ModelName>(name: N, params: Partial<ParamsOf<N>> | unknown, ctx: DetectorContext, source = `${String(name)} parameters`): Detector<SessionSet> {
  const entry = entryOf(name);
  return entry.create(checkParamRanges(String(name), resolveConfig(entry.defaults, params, source), source), ctx);
}

/** Loads a detector saved by its `save(dir)`. */
export function loadDetector(name: string, dir: string): Promise<Detector<SessionSet>> {
  return entryOf(name).load(dir);
}

/** The default parameters of a model. */
export function defaultParams(name: string): object {
  return { ...entryOf(name).defaults };
}

/** Name, supervision and description of every model. */
export function describeModels(): { name: string; supervision: Supervision; description: string }[] {
  return modelNames().map((n) => {
    const e = entryOf(n);
    return { name: n, supervision: e.supervision, description: e.description };
  });
}
