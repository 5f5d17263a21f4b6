import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // TF.js on wasm is single-threaded; two workers fit this project's 2-core machines.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    // Experiments stay serial inside the suite (vitest already runs two files at once); the
    // parallel path has its own test (test/experiments/detection/parallel-fit.test.ts).
    env: { LOGLAB_WORKERS: "1" },
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
