import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { modelsPath, resultsPath } from "./project.js";

/** The output folders (models/, results/), created if missing, with whether they are writable. */
export function outputFolders(): { folder: string; path: string; writable: boolean }[] {
  return [
    { folder: "models/", path: modelsPath() },
    { folder: "results/", path: resultsPath() },
  ].map(({ folder, path }) => {
    if (!existsSync(path)) mkdirSync(path, { recursive: true });
    let writable = true;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      writable = false;
    }
    return { folder, path, writable };
  });
}
