import { execFile, execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { cpus, totalmem, platform, arch } from "node:os";
import { join, relative } from "node:path";
import { sha256File, sha256FilesOffThread } from "../io/file-hash.js";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { projectRoot } from "./project.js";

/** One input file of a run, identified by content. */
export interface InputRecord {
  /** Path relative to the project root where possible. */
  path: string;
  bytes: number;
  sha256: string;
}

/** What produced a result: written as `manifest.json` beside every result. */
export interface RunManifest {
  format: "loglab.manifest";
  version: 1;
  /** What ran: a notebook name, a CLI command line, a benchmark. */
  producer: string;
  createdAt: string;
  config: unknown;
  seed: number | null;
  git: { commit: string | null; dirty: boolean | null };
  inputs: InputRecord[];
  backend: string | null;
  /** Wall-clock seconds per named stage. */
  timings: Record<string, number>;
  /** Files this run wrote, relative to the manifest's folder. */
  outputs: string[];
  /** A run that stopped part-way (a notebook's checkpoint): the last part it completed. Absent: complete. */
  completedThrough?: string;
  environment: { node: string; platform: string; arch: string; cores: number; memoryGiB: number };
}

/** The git calls behind a manifest's git state: HEAD's commit, and the tracked files' changes. */
const GIT_COMMIT_ARGS = ["rev-parse", "HEAD"];
const GIT_CHANGES_ARGS = ["status", "--porcelain", "--untracked-files=no"];
const NO_GIT: RunManifest["git"] = { commit: null, dirty: null };

function gitStateOf(commitOut: string, changesOut: string): RunManifest["git"] {
  return { commit: commitOut.trim(), dirty: changesOut.trim().length > 0 };
}

/** The current git commit of the project and whether the working tree has changes (null when not a git checkout). */
export function gitState(): RunManifest["git"] {
  try {
    const git = (args: string[]): string => execFileSync("git", args, { cwd: projectRoot(), stdio: ["ignore", "pipe", "ignore"] }).toString();
    return gitStateOf(git(GIT_COMMIT_ARGS), git(GIT_CHANGES_ARGS));
  } catch {
    return NO_GIT;
  }
}

/** {@link gitState} without blocking: the two git calls run while the caller works. */
export async function gitStateAsync(): Promise<RunManifest["git"]> {
  const git = (args: string[]): Promise<string> =>
    new Promise((resolve, reject) => execFile("git", args, { cwd: projectRoot() }, (err, stdout) => (err ? reject(err) : resolve(String(stdout)))));
  try {
    const [commitOut, changesOut] = await Promise.all([git(GIT_COMMIT_ARGS), git(GIT_CHANGES_ARGS)]);
    return gitStateOf(commitOut, changesOut);
  } catch {
    return NO_GIT;
  }
}

/** The manifest facts that take time to gather: the git state and the inputs' hashes. */
export interface ManifestFacts {
  git: RunManifest["git"];
  inputs: InputRecord[];
}

/**
 * Starts gathering a manifest's slow facts (git calls in child processes, input hashes on a worker
 * thread) so a command can do its work meanwhile; hand the promise to {@link buildManifest} as
 * `prefetched`. Inputs are described as they are now (hash them before writing over any).
 */
export function prefetchManifestFacts(inputs: readonly string[]): Promise<ManifestFacts> {
  const records = sha256FilesOffThread(inputs).then((hashes) => inputs.map((p, i) => inputRecord(p, hashes[i]!)));
  const facts = Promise.all([gitStateAsync(), records]).then(([git, inputs]) => ({ git, inputs }));
  facts.catch(() => undefined); // awaited later; a failure surfaces there, not as an unhandled rejection
  return facts;
}

/** An input file's record: its path relative to the project root where it lies inside it, size and hash. */
function inputRecord(path: string, sha256: string): InputRecord {
  const rel = relative(projectRoot(), path);
  return { path: rel.startsWith("..") ? path : rel, bytes: statSync(path).size, sha256 };
}

/** Hashes input files for a manifest. */
export async function describeInputs(paths: readonly string[]): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for (const p of paths) out.push(inputRecord(p, await sha256File(p)));
  return out;
}

/** Arguments of {@link writeManifest}. */
export interface ManifestArgs {
  producer: string;
  config?: unknown;
  seed?: number | null;
  inputs?: readonly string[];
  backend?: string | null;
  timings?: Record<string, number>;
  outputs?: readonly string[];
  completedThrough?: string;
  /** Git state and input records gathered while the run worked ({@link prefetchManifestFacts}; its inputs replace `inputs`). */
  prefetched?: Promise<ManifestFacts>;
}

/** Builds a manifest (hashing the inputs, unless prefetched) without writing it. */
export async function buildManifest(args: ManifestArgs): Promise<RunManifest> {
  const facts = args.prefetched ? await args.prefetched : null;
  return {
    format: "loglab.manifest",
    version: 1,
    producer: args.producer,
    createdAt: new Date().toISOString(),
    config: args.config ?? null,
    seed: args.seed ?? null,
    git: facts?.git ?? gitState(),
    inputs: facts?.inputs ?? (await describeInputs(args.inputs ?? [])),
    backend: args.backend ?? null,
    timings: args.timings ?? {},
    outputs: [...(args.outputs ?? [])].sort(),
    ...(args.completedThrough !== undefined ? { completedThrough: args.completedThrough } : {}),
    environment: {
      node: process.version,
      platform: platform(),
      arch: arch(),
      cores: cpus().length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    },
  };
}

/** Writes `manifest.json` into `dir` atomically and returns it. */
export async function writeManifest(dir: string, args: ManifestArgs): Promise<RunManifest> {
  const manifest = await buildManifest(args);
  writeJsonAtomic(join(dir, "manifest.json"), manifest);
  return manifest;
}

/**
 * Measures named stages: `const sw = new Stopwatch(); …; sw.lap("fit")` records seconds since
 * the previous lap; `sw.timings` goes into a manifest.
 */
export class Stopwatch {
  private last = performance.now();
  readonly timings: Record<string, number> = {};
  lap(name: string): number {
    const now = performance.now();
    const s = (now - this.last) / 1000;
    this.timings[name] = (this.timings[name] ?? 0) + s;
    this.last = now;
    return s;
  }
  /** Times an async function under `name`. */
  async time<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.timings[name] = (this.timings[name] ?? 0) + (performance.now() - t0) / 1000;
      this.last = performance.now();
    }
  }
}
