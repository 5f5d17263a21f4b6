// A worker thread of a parallel `loglab parse` (lib/parse/parse-parallel.ts): tsx compiles the
// library on the fly, as for bin/loglab.mjs.
import { register } from "tsx/esm/api";

register();
const { serveAssignJobs } = await import("../lib/parse/assign-worker.ts");
serveAssignJobs();
