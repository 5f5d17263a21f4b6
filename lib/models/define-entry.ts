import type { Detector, DetectorContext, FitReport, SessionSet, Supervision } from "./detector.js";

/**
 * The family of a model, for grouping in tables and figures (training curves by family, the
 * notebooks' per-family cells). Add a family here when you add the first model of a new kind.
 */
export type ModelFamily = "classic" | "next-key" | "sequence-classifier" | "autoencoder" | "masked-key";

/**
 * Which part of the training data the experiment runner fits a model on (one rule for every
 * runner: notebooks, `loglab train`, benchmarks):
 * - `normals`: the normal sessions of the training part (semi-supervised setting);
 * - `labelled`: every training session with its label (supervised models);
 * - `unlabelled`: every training session with the labels removed, anomalies included
 *   (unsupervised models in their own setting: loglizer's PCA/IM/IF, the Isolation-Forest hybrids).
 */
export type FitSet = "normals" | "labelled" | "unlabelled";

/**
 * A registry entry. Families declare theirs in `<family>/entries.ts` with {@link defineEntry};
 * `registry.ts` merges them, and every type a caller sees (`ModelName`, `ParamsOf<N>`,
 * `DetectorOf<N>`, `FitReportOf<N>`, `ModelSpec`) is derived from there.
 *
 * (Kept apart from registry.ts so that `<family>/entries.ts` can import `defineEntry` without an
 * import cycle: registry.ts imports every family's entries.)
 */
export interface DetectorEntry<P extends object, D extends Detector<SessionSet, FitReport> = Detector<SessionSet, FitReport>> {
  /** One line on what the model is, with the paper it follows. */
  description: string;
  /** Grouping for tables and figures. */
  family: ModelFamily;
  /** What labels the method needs: none, normal-only data, or both classes. */
  supervision: Supervision;
  /**
   * What the experiment runner fits it on by default (an experiment may override it for a
   * non-supervised model, e.g. Isolation Forest on unlabelled data; supervised models always
   * take `labelled`).
   */
  fitSet: FitSet;
  /** Every parameter with its default; the parameter type is inferred from this object. */
  defaults: P;
  /** Builds an unfitted detector from complete parameters (defaults merged with the caller's). */
  create(params: P, ctx: DetectorContext): D;
  /** Loads a detector saved by its `save(dir)`. */
  load(dir: string): Promise<D>;
}

/**
 * Declares a registry entry, keeping its parameter type `P` and its detector type `D` (so
 * `createDetector("deeplog", …)` returns a `DeepLog` and its `fit` a `DeepLogFitReport`).
 *
 * Fields: `description` (one line, cite the paper), `family` ({@link ModelFamily}),
 * `supervision` (`unsupervised` | `semi-supervised` | `supervised`), `fitSet` ({@link FitSet};
 * must be `labelled` for supervised models, `normals` for semi-supervised ones, `normals` or
 * `unlabelled` for unsupervised ones), `defaults` (every parameter), `create`, `load`.
 * A contradictory supervision / fit set is an error when the entry is declared.
 *
 * @example
 * export const myEntries = {
 *   "my-model": defineEntry({
 *     description: "…",
 *     family: "autoencoder",
 *     supervision: "semi-supervised",
 *     fitSet: "normals",
 *     defaults: { epochs: 10 },
 *     create: (p, ctx) => new MyDetector(p, ctx.rng),
 *     load: (dir) => MyDetector.load(dir),
 *   }),
 * };
 */
export function defineEntry<P extends object, D extends Detector<SessionSet, FitReport>>(entry: DetectorEntry<P, D>): DetectorEntry<P, D> {
  const ok =
    entry.supervision === "supervised" ? entry.fitSet === "labelled" : entry.supervision === "semi-supervised" ? entry.fitSet === "normals" : entry.fitSet !== "labelled";
  if (!ok) throw new Error(`registry entry "${entry.description.slice(0, 40)}…": a ${entry.supervision} model cannot fit on "${entry.fitSet}" sessions`);
  return entry;
}
