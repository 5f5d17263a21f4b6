/**
 * Registers the tslab TypeScript kernel with Jupyter for interactive use of notebooks/, pointing at
 * this project's own tslab (node_modules/.bin/tslab), by writing its kernelspec directly (no
 * Python needed for this step).
 *
 *   npm run kernel:install               # per-user Jupyter data folder (found by Jupyter automatically)
 *   npm run kernel:install -- --prefix .jprefix   # then: JUPYTER_PATH=$PWD/.jprefix/share/jupyter jupyter lab
 */
import { existsSync } from "node:fs";
import { homedir, platform } from "node:os";
import { join, resolve } from "node:path";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";

function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (platform() === "darwin") return join(homedir(), "Library", "Jupyter");
  if (platform() === "win32") return join(process.env.APPDATA ?? homedir(), "jupyter");
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
}

/** Writes the kernelspec and returns its folder. */
export function installKernel(args: string[], root = process.cwd()): string {
  let base = userDataDir();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--prefix") base = join(resolve(args[++i] ?? ""), "share", "jupyter");
    else if (args[i] === "--user") base = userDataDir();
    else throw new Error(`unknown argument ${args[i]} (usage: npm run kernel:install -- [--user | --prefix DIR])`);
  }
  const bin = join(root, "node_modules", ".bin", platform() === "win32" ? "tslab.cmd" : "tslab");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm ci first`);
  const dir = join(base, "kernels", "tslab");
  writeJsonAtomic(join(dir, "kernel.json"), {
    argv: [bin, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (loglab)",
    language: "typescript",
  });
  return dir;
}

if (process.argv[1]?.endsWith("install-kernel.ts")) {
  try {
    const dir = installKernel(process.argv.slice(2));
    process.stderr.write(`installed the tslab kernelspec in ${dir}\nopen the notebooks with: jupyter lab notebooks/   (pick the "TypeScript (loglab)" kernel)\n`);
  } catch (err) {
    process.stderr.write(`kernel:install: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
