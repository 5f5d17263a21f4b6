import { readFileSync } from "node:fs";
import { loghubLogPath } from "../../lib/data/loghub-2k.js";
import type { LoghubSystem } from "../../lib/parse/formats/loghub-presets.js";
import { trainClassicLineClassifier, type ClassicLineTraining } from "../../lib/classify/train-classic-line-classifier.js";

/** Systems and lines the small test classifier is trained on (seconds, not the full 32,000 lines). */
export const SMALL_SYSTEMS: readonly LoghubSystem[] = ["HDFS", "OpenSSH", "Apache", "BGL", "Linux"];
export const SMALL_LINES = 400;

let cached: ClassicLineTraining | null = null;

/** A classic line classifier trained on the first 400 lines of five shipped LogHub systems (cached per test file). */
export function smallTraining(): ClassicLineTraining {
  cached ??= trainClassicLineClassifier({ systems: SMALL_SYSTEMS, maxLinesPerSystem: SMALL_LINES, cGrid: [1, 10], seed: 7 });
  return cached;
}

/** The first `n` lines of a shipped LogHub 2k log. */
export function loghubLines(system: LoghubSystem, n: number, from = 0): string[] {
  return readFileSync(loghubLogPath(system), "utf8").split(/\r?\n/).filter(Boolean).slice(from, from + n);
}
