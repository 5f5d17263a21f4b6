import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

let cachedRoot: string | null = null;

/**
 * The loglab project root: the nearest folder at or above `start` whose package.json is named
 * "loglab". Notebooks run with their own folder as the working directory, tests and scripts with
 * the root, so everything finds data/, models/ and results/ through this.
 */
export function projectRoot(start: string = process.cwd()): string {
  if (cachedRoot && start === process.cwd()) return cachedRoot;
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "loglab") {
          if (start === process.cwd()) cachedRoot = dir;
          return dir;
        }
      } catch {
        // not a readable package.json: keep looking upward
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No loglab project found at or above ${start}`);
    dir = parent;
  }
}

/** Path under the shipped data folder, e.g. `dataPath("hdfs-deeplog", "hdfs_train")`. */
export function dataPath(...parts: string[]): string {
  return join(projectRoot(), "data", ...parts);
}

/**
 * Path under results/ (git-ignored outputs). `LOGLAB_RESULTS_DIR` moves it (the end-to-end tests
 * use a temporary folder so `npm test` never overwrites a user's results).
 */
export function resultsPath(...parts: string[]): string {
  return join(process.env.LOGLAB_RESULTS_DIR || join(projectRoot(), "results"), ...parts);
}

/** Path under models/ (git-ignored saved models); `LOGLAB_MODELS_DIR` moves it. */
export function modelsPath(...parts: string[]): string {
  return join(process.env.LOGLAB_MODELS_DIR || join(projectRoot(), "models"), ...parts);
}
