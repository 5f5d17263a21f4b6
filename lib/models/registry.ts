// Re-exported first: family entry files import defineEntry while this module is still loading.
export { defineEntry, type DetectorEntry, type FitSet, type ModelFamily } from "./define-entry.js";
import { resolveConfig } from "../runtime/config.js";
import { checkParamRanges } from "./param-ranges.js";
import type { Detector, DetectorContext, FitReport, SessionSet, Supervision } from "./detector.js";
import type { DetectorEntry, FitSet, ModelFamily } from "./define-entry.js";
import { classicEntries } from "./classic/entries.js";
import { sequenceEntries } from "./sequence/entries.js";
import { autoencoderEntries } from "./autoencoder/entries.js";
import { bertEntries } from "./bert/entries.js";

/**
 * Every model reachable by name (notebooks, `loglab train/detect/evaluate`). The one registry:
 * every type below is derived from it, so a misspelt model or parameter fails to compile.
 */
export const detectorRegistry = { ...classicEntries, ...sequenceEntries, ...autoencoderEntries, ...bertEntries };

/** The names of all registered models. */
export type ModelName = keyof typeof detectorRegistry;
/** The registry entry of a model. */
export type EntryOf<N extends ModelName> = (typeof detectorRegistry)[N];
/** The parameter type of a model (its defaults' type). */
export type ParamsOf<N extends ModelName> = EntryOf<N>["defaults"];
/** The detector class a model's entry creates (`DetectorOf<"deeplog">` is `DeepLog`). */
export type DetectorOf<N extends ModelName> = ReturnType<EntryOf<N>["create"]>;
/** What a model's `fit` reports (`FitReportOf<"deeplog">` is `DeepLogFitReport`). */
export type FitReportOf<N extends ModelName> = Awaited<ReturnType<DetectorOf<N>["fit"]>>;

/**
 * A model by name with some of its parameters (the rest are the defaults): one member per
 * registered name, so `{ model: "pca", params: { nComponents: 0.9 } }` compiles and
 * `{ model: "pcaa" }` or `{ model: "pca", params: { nComponent: 3 } }` do not.
 */
export type ModelSpec<N extends ModelName = ModelName> = N extends ModelName ? { model: N; params?: Partial<ParamsOf<N>> } : never;

/** All model names, in registry order. */
export function modelNames(): ModelName[] {
  return Object.keys(detectorRegistry) as ModelName[];
}

/** True when `name` is a registered model. */
export function isModelName(name: string): name is ModelName {
  return Object.prototype.hasOwnProperty.call(detectorRegistry, name);
}

function anyEntry(name: string): DetectorEntry<object, Detector<SessionSet, FitReport>> {
  if (!isModelName(name)) throw new Error(`Unknown model "${name}". Known models: ${modelNames().join(", ")}`);
  return detectorRegistry[name] as DetectorEntry<object, Detector<SessionSet, FitReport>>;
}

/** The registry entry of a model (family, supervision, fit set, defaults, factory, loader). */
export function modelEntry<N extends ModelName>(name: N): EntryOf<N> {
  anyEntry(name);
  return detectorRegistry[name];
}

/**
 * Creates a detector by name, typed: parameters are merged into the model's defaults. A value
 * outside its declared range (models/param-ranges.ts) is rejected by name, and so is an unknown
 * parameter from a caller that casts.
 *
 * @example
 * const pca = createDetector("pca", { nComponents: 0.95 }, { rng: new Rng(42) });
 */
export function createDetector<N extends ModelName>(name: N, params: Partial<ParamsOf<N>>, ctx: DetectorContext, source = `${String(name)} parameters`): DetectorOf<N> {
  const entry = anyEntry(name);
  return entry.create(checkParamRanges(String(name), resolveConfig(entry.defaults, params, source), source), ctx) as DetectorOf<N>;
}

/**
 * The untyped entry point, for names and parameters that come from outside the program (the CLI's
 * `MODEL` and `--params JSON`, a config file): checks that the name is registered and that every
 * parameter exists and has its default's type, naming `source` in errors; returns the name, typed.
 *
 * @example
 * const spec = modelSpecFromJson("pca", JSON.parse(text), "--params");
 * const detector = createDetector(spec.model, spec.params ?? {}, { rng });
 */
export function modelSpecFromJson(name: string, params: unknown, source = `${name} parameters`): ModelSpec {
  const entry = anyEntry(name);
  const resolved = checkParamRanges(name, resolveConfig(entry.defaults, params, source), source);
  const given: Record<string, unknown> = {};
  if (params !== undefined && params !== null) for (const k of Object.keys(params as object)) given[k] = (resolved as Record<string, unknown>)[k];
  return { model: name, params: given } as ModelSpec;
}

/** Loads a detector saved by its `save(dir)` (the name comes from a model card: untyped). */
export function loadDetector(name: string, dir: string): Promise<Detector<SessionSet>> {
  return anyEntry(name).load(dir);
}

/** The default parameters of a model (a copy). */
export function defaultParams<N extends ModelName>(name: N): ParamsOf<N> {
  return { ...modelEntry(name).defaults } as ParamsOf<N>;
}

/** What the registry says of one model. */
export type ModelDescription = {
  name: ModelName;
  family: ModelFamily;
  supervision: Supervision;
  fitSet: FitSet;
  description: string;
};

/** Name, family, supervision, fit set and description of every model (or of some). */
export function describeModels(names: readonly ModelName[] = modelNames()): ModelDescription[] {
  return names.map((n) => {
    const e = anyEntry(n);
    return { name: n, family: e.family, supervision: e.supervision, fitSet: e.fitSet, description: e.description };
  });
}
