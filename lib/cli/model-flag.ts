import type { Detector, SessionSet } from "../models/detector.js";
import { loadTrainedDetector, type ModelCard } from "../models/trained-model.js";
import { CliError } from "./cli-error.js";

/** Loads the model folder given with `--model` (saved by `loglab train`); a folder that is not one is one clear error naming the flag. */
export async function loadModelFlag(dir: string): Promise<{ detector: Detector<SessionSet>; card: ModelCard }> {
  try {
    return await loadTrainedDetector(dir);
  } catch (err) {
    throw new CliError(`--model ${(err as Error).message}`);
  }
}

/**
 * Scores sessions with a loaded model; a failure (a shape mismatch between files of a model
 * written before checksums, say) is one error naming the model folder and the input.
 */
export async function scoreWithModel(detector: Detector<SessionSet>, sessions: SessionSet, dir: string, input: string): Promise<Float64Array> {
  try {
    return await detector.score(sessions);
  } catch (err) {
    throw new CliError(`--model ${dir}: could not score ${input} with this model (${(err as Error).message}); its files do not fit together: retrain it`);
  }
}

/**
 * Checks a model's scores before any decision is made from them: a NaN score (damaged weights
 * that slipped past the checks, a diverged model) would compare as "not above the threshold",
 * i.e. normal, so it is an error naming the model folder and the first session concerned.
 */
export function checkScores(scores: Float64Array, dir: string, lineNoOf: (i: number) => string): void {
  let bad = 0;
  let first = -1;
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]!)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) throw new CliError(`--model ${dir} gave NaN scores for ${bad} of ${scores.length} sessions (first: ${lineNoOf(first)}): the model is damaged or its training diverged; nothing was written`);
}
