import { statSync } from "node:fs";
import { CliError } from "./cli-error.js";

/** Checks that each input path is a readable file: a missing path or a folder is one clear error naming it. */
export function checkInputFiles(paths: readonly string[], flag: string): void {
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(`cannot read ${flag === "--input" ? "input" : flag} ${p}: ${code === "ENOENT" ? "no such file" : (err as Error).message}`, 1);
    }
    if (isDir) throw new CliError(`cannot read ${flag === "--input" ? "input" : flag} ${p}: it is a directory`, 1);
  }
}
