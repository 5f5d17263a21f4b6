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
