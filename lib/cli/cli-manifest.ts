import { dirname, join, basename } from "node:path";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { buildManifest, type ManifestFacts, type RunManifest } from "../runtime/manifest.js";

/** What a CLI command records about its run (see {@link writeCliManifest}). */
export interface CliRunRecord {
  /** The subcommand, e.g. "parse". */
  command: string;
  argv: readonly string[];
  /** Input files (hashed into the manifest). */
  inputs: readonly string[];
  /** Settings the command resolved (defaults included). */
  config?: unknown;
  seed?: number | null;
  backend?: string | null;
  /** Seconds since the command started. */
  seconds: number;
  /** Files written, relative to the manifest's folder. */
  outputs?: readonly string[];
  /** The git state and the inputs' hashes, gathered while the command ran (`prefetchManifestFacts(inputs)`). */
  prefetched?: Promise<ManifestFacts>;
}

/**
 * Writes the run manifest of a CLI command (config, seed, git commit, input hashes, backend,
 * timings, outputs): `manifest.json` inside an output folder, or `<file>.manifest.json` beside a
 * single output file.
 *
 * @example
 * await writeCliManifest({ folder: out }, { command: "parse", argv, inputs, seconds });
 */
export async function writeCliManifest(target: { folder: string } | { file: string }, run: CliRunRecord): Promise<RunManifest> {
  const path = "folder" in target ? join(target.folder, "manifest.json") : join(dirname(target.file), `${basename(target.file)}.manifest.json`);
  const manifest = await buildManifest({
    producer: `loglab ${run.command} ${run.argv.join(" ")}`.trim(),
    config: run.config ?? null,
    seed: run.seed ?? null,
    inputs: run.inputs,
    backend: run.backend ?? null,
    timings: { total: run.seconds },
    outputs: run.outputs ?? [],
    ...(run.prefetched ? { prefetched: run.prefetched } : {}),
  });
  writeJsonAtomic(path, manifest);
  return manifest;
}
