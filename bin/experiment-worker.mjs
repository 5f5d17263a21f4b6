#!/usr/bin/env node
// A child process of a parallel experiment (lib/experiments/workers/child-pool.ts):
// tsx compiles the library on the fly, as for bin/loglab.mjs.
import { register } from "tsx/esm/api";

register();
const { serveWorkerJobs } = await import("../lib/experiments/workers/worker-main.ts");
serveWorkerJobs();
