// The CLI as an esbuild bundle, cached under node_modules/.cache/loglab-cli/<key>/, where the key
// hashes the path, size and modification time of every file under lib/ (and of this file), so an
// edited source gives a new bundle on the next run. Commands stay lazily loaded (code splitting:
// `loglab parse` does not load TF.js); packages stay external (node_modules resolves them as
// before) except the few every parse loads (BUNDLED_PACKAGES). Several processes may build at once: each writes its own folder and renames it into
// place; the first rename wins. Any failure (no esbuild, a read-only folder) returns null and
// the caller compiles with tsx instead.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** sha1 over (relative path, size, mtime) of every file under lib/, in a stable order. */
function sourceKey() {
  const h = createHash("sha1");
  const self = statSync(fileURLToPath(import.meta.url));
  h.update(`self ${self.size} ${self.mtimeMs}\n`);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const s = statSync(p);
        h.update(`${p.slice(root.length)} ${s.size} ${s.mtimeMs}\n`);
      }
    }
  };
  walk(join(root, "lib"));
  return h.digest("hex").slice(0, 16);
}

/**
 * Packages compiled into the bundle rather than loaded from node_modules: the ones every `loglab
 * parse` loads (structured output), whose many small ESM files cost more to resolve and load one
 * by one than to run (apache-arrow alone: ~0.25 s of a run's start-up; see docs/DESIGN.md). The
 * others stay external: TF.js finds its .wasm files next to its own modules, and the server and
 * browser packages load only in their commands.
 */
const BUNDLED_PACKAGES = ["apache-arrow", "hyparquet-writer", "cli-progress"];

/**
 * An esbuild plugin: bare imports from loglab's sources are external except those of `bundled`
 * packages; the imports of a bundled package are bundled with it (they may be nested in its own
 * node_modules, where the cache folder could not resolve them).
 */
function externalPackagesBut(bundled) {
  const inBundle = (path) => bundled.some((p) => path === p || path.startsWith(`${p}/`));
  return {
    name: "external-packages-but",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("node:") || inBundle(args.path) || args.importer.includes("node_modules")) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/** file: URLs of the bundle's two entry points, or null when there is no bundle to be had. */
export async function cliBundle() {
  try {
    const cache = join(root, "node_modules", ".cache", "loglab-cli");
    const dir = join(cache, sourceKey());
    const entries = { main: join(dir, "main.js"), guards: join(dir, "process-guards.js") };
    if (!existsSync(entries.main)) {
      const esbuild = await import("esbuild");
      const tmp = `${dir}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      await esbuild.build({
        entryPoints: { main: join(root, "lib", "cli", "main.ts"), "process-guards": join(root, "lib", "cli", "process-guards.ts") },
        bundle: true,
        splitting: true,
        format: "esm",
        platform: "node",
        target: "node20",
        plugins: [externalPackagesBut(BUNDLED_PACKAGES)],
        // apache-arrow declares "sideEffects": false, yet its Node entry registers the Node stream
        // adapters by a side-effect import; honouring the flag drops them.
        ignoreAnnotations: true,
        // CommonJS packages in the bundle (cli-progress) require Node built-ins.
        banner: { js: 'import { createRequire as __loglabCreateRequire } from "node:module"; const require = __loglabCreateRequire(import.meta.url);' },
        outdir: tmp,
        logLevel: "silent",
      });
      mkdirSync(cache, { recursive: true });
      try {
        renameSync(tmp, dir);
      } catch {
        rmSync(tmp, { recursive: true, force: true }); // another process's bundle is in place
      }
      // Bundles of older sources go (one at a time is enough), and so do the folders of builds whose process died.
      for (const old of readdirSync(cache)) if (join(cache, old) !== dir && !old.includes(".tmp-")) rmSync(join(cache, old), { recursive: true, force: true });
      removeAbandonedBuilds(cache);
    }
    return { main: pathToFileURL(entries.main).href, guards: pathToFileURL(entries.guards).href };
  } catch {
    return null;
  }
}

/** True while a process with this pid runs (signal 0 only checks; EPERM: it runs as another user). */
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** Removes `<key>.tmp-<pid>` build folders in `cache` whose process is gone (killed mid-build). */
export function removeAbandonedBuilds(cache) {
  for (const name of readdirSync(cache)) {
    const m = /\.tmp-(\d+)$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) rmSync(join(cache, name), { recursive: true, force: true });
  }
}

/** Commands that stream inputs of any size through bounded memory (see bin/loglab.mjs). */
export const STREAMING_COMMANDS = new Set(["parse", "sessions", "tail"]);
