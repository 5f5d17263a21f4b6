/**
 * The child-process side of parallel detection experiments ({@link fitInWorkers}): receives one
 * model's job over IPC, fits and thresholds it exactly as a serial run does ({@link fitDetector}),
 * scores the test part, saves the detector with its card into the folder the parent named, and
 * sends back everything but the detector (the parent loads it from that folder). Run by the
 * experiment worker (`lib/experiments/workers/worker-main.ts`).
 */
import { saveTrainedDetector } from "../../models/trained-model.js";
import type { Detector, SessionSet } from "../../models/detector.js";
import { keyVectorsFromTable, type KeyVectorTable } from "../../models/key-vector-table.js";
import type { DetectionThresholdPolicy } from "./choose-detector-threshold.js";
import { unlabelledSet, type DetectionSplit, type ExperimentModel } from "./experiment-model.js";
import { fitDetector, type AnyFittedDetector } from "./fit-detector.js";
import { buildModelCard } from "./model-card.js";
import type { WorkerJobHandler } from "../workers/worker-protocol.js";

/** One model to fit in a worker. */
export interface WorkerJob {
  spec: ExperimentModel;
  split: DetectionSplit;
  seed: number;
  threshold: DetectionThresholdPolicy;
  /** Where the worker saves the fitted detector and its card. */
  dir: string;
  files: readonly string[];
  /** Start vectors of the key embedding (token-level inputs), as a table a child process can receive. */
  keyVectors?: KeyVectorTable;
}

/** What a worker sends back: the fitted detector's record without the detector, and the test scores. */
export interface WorkerOutcome {
  fitted: Omit<AnyFittedDetector, "detector">;
  testScores: Float64Array;
  scoreSeconds: number;
}

/** Runs one job (exported for tests: the same code path as in the child). */
export async function runWorkerJob(job: WorkerJob): Promise<WorkerOutcome> {
  const { train, validation, test } = job.split;
  const fitted = await fitDetector(job.spec, { train, validation }, { seed: job.seed, threshold: job.threshold, keyVectors: job.keyVectors ? keyVectorsFromTable(job.keyVectors) : undefined });
  const detector = fitted.detector as Detector<SessionSet>;
  try {
    const t0 = performance.now();
    const testScores = await detector.score(unlabelledSet(test));
    const scoreSeconds = (performance.now() - t0) / 1000;
    await saveTrainedDetector(job.dir, detector, buildModelCard(fitted, { seed: job.seed, train, validation, files: job.files }));
    const { detector: _dropped, ...rest } = fitted;
    return { fitted: rest as Omit<AnyFittedDetector, "detector">, testScores, scoreSeconds };
  } finally {
    detector.dispose();
  }
}

/** The detection handler of the experiment worker. */
export const detectionJobHandler: WorkerJobHandler<undefined, WorkerJob, WorkerOutcome> = { run: (job) => runWorkerJob(job) };
