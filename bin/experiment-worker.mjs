#!/usr/bin/env node
// A child process of a parallel detection experiment (lib/experiments/detection/parallel-fit.ts):
// tsx compiles the library on the fly, as for bin/loglab.mjs.
import { register } from "tsx/esm/api";

register();
const { serveWorkerJobs } = await import("../lib/experiments/detection/experiment-worker.ts");
serveWorkerJobs();
