import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { ensureDir } from "../io/ensure-dir.js";
import { onExitCleanup } from "../runtime/exit-cleanup.js";
import { FileLock } from "../runtime/file-lock.js";
import { CliError } from "./cli-error.js";

/**
 * Where a CLI command writes, claimed before any work starts so that nothing a user owns is
 * replaced:
 * - a path that does not exist, or an empty folder, is used;
 * - a folder (or file) holding a previous output of the same command, recognised by the run
 *   manifest loglab wrote beside it and holding nothing that manifest does not list, is replaced
 *   only with `--force`;
 * - anything else (a file where a folder goes, a folder with other files, an input of this very
 *   run) is refused with an error naming the path and what is in the way.
 * Output folders are written into a temporary sibling (`.NAME.partial-PID`) and renamed into place
 * when complete, so an interrupted run (SIGINT, SIGTERM, SIGKILL, a crash) leaves the previous
 * output as it was; the path is locked (`NAME.lock`) while the run works.
 */

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readManifestProducer(path: string): { producer: string; outputs: string[] } | null {
  try {
    const m = JSON.parse(readFileSync(path, "utf8")) as { format?: string; producer?: unknown; outputs?: unknown };
    if (m.format !== "loglab.manifest" || typeof m.producer !== "string") return null;
    return { producer: m.producer, outputs: Array.isArray(m.outputs) ? m.outputs.filter((o): o is string => typeof o === "string") : [] };
  } catch {
    return null;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && rel !== "..");
}

/** Options of {@link OutputFolder.claim} and {@link claimOutputFile}. */
export interface OutputClaimOptions {
  /** The subcommand writing it, e.g. "parse" (a previous output is one whose manifest names `loglab parse`). */
  command: string;
  /** The flag that named the path, for messages (default `--out`). */
  flag?: string;
  /** Replace a previous output of the same command. */
  force: boolean;
  /** This run's input files: none may lie inside the output. */
  inputs?: readonly string[];
}

/** Removes what killed runs left beside `path`: partial folders (dead pid), and restores a previous output moved aside mid-commit. */
function recoverSiblings(path: string): void {
  const parent = dirname(path);
  const name = basename(path);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const e of entries) {
    const m = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(partial|old)-(\\d+)$`).exec(e);
    if (!m || alive(Number(m[2]))) continue;
    const p = join(parent, e);
    if (m[1] === "old" && !existsSync(path)) renameSync(p, path); // killed between the two renames of a commit: the previous output comes back
    else rmSync(p, { recursive: true, force: true });
  }
}

/**
 * An output folder claimed for one run: write into {@link OutputFolder.dir}, then
 * {@link OutputFolder.commit}. See the module comment for the rules.
 *
 * @example
 * const out = OutputFolder.claim(outFlag, { command: "parse", force, inputs });
 * try { write(out.dir); out.commit(); } finally { out.release(); }
 */
export class OutputFolder {
  private readonly lock: FileLock;
  private readonly unregister: () => void;
  private done = false;

  private constructor(
    /** The final path. */
    readonly path: string,
    /** The temporary folder to write into. */
    readonly dir: string,
    /** What was at `path` when claimed. */
    private readonly existed: "none" | "empty" | "previous",
    lock: FileLock,
  ) {
    this.lock = lock;
    this.unregister = onExitCleanup(() => rmSync(this.dir, { recursive: true, force: true }));
  }

  /** Checks the path, locks it and makes the temporary folder; throws a {@link CliError} when the path is not free to use. */
  static claim(target: string, o: OutputClaimOptions): OutputFolder {
    const path = resolve(target);
    const flag = o.flag ?? "--out";
    for (const i of o.inputs ?? []) {
      if (isInside(resolve(i), path)) throw new CliError(`${flag} ${target}: the input ${i} is inside it, and this run writes the whole folder; choose another ${flag}`, 2);
    }
    try {
      ensureDir(dirname(path));
    } catch (err) {
      throw new CliError(`${flag} ${target}: ${(err as Error).message}`);
    }
    let lock: FileLock;
    try {
      lock = FileLock.acquire(path, `${flag} ${target}`);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    try {
      recoverSiblings(path);
      const existed = OutputFolder.check(path, target, flag, o);
      const dir = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
      rmSync(dir, { recursive: true, force: true });
      ensureDir(dir);
      return new OutputFolder(path, dir, existed, lock);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private static check(path: string, target: string, flag: string, o: OutputClaimOptions): "none" | "empty" | "previous" {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return "none";
    }
    if (!st.isDirectory()) throw new CliError(`${flag} ${target} is a file; loglab ${o.command} writes a folder there and never replaces a file: choose another ${flag}`, 2);
    const entries = readdirSync(path);
    if (entries.length === 0) return "empty";
    const manifest = entries.includes("manifest.json") ? readManifestProducer(join(path, "manifest.json")) : null;
    const ours = manifest !== null && (manifest.producer === `loglab ${o.command}` || manifest.producer.startsWith(`loglab ${o.command} `));
    if (!ours) {
      const list = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, … (${entries.length} entries)` : "");
      const what = manifest !== null ? `an output of \`${manifest.producer.split(" ").slice(0, 2).join(" ")}\`, not of \`loglab ${o.command}\`` : `files loglab did not write (${list})`;
      throw new CliError(`${flag} ${target} already holds ${what}; nothing was changed: choose a new or empty folder`, 2);
    }
    const known = new Set(["manifest.json", ...manifest.outputs.map((f) => f.split("/")[0]!)]);
    const foreign = entries.filter((e) => !known.has(e));
    if (foreign.length) throw new CliError(`${flag} ${target} holds an earlier \`loglab ${o.command}\` output plus files it did not write (${foreign.slice(0, 5).join(", ")}); nothing was changed: move them out or choose another ${flag}`, 2);
    if (!o.force) throw new CliError(`${flag} ${target} holds an earlier \`loglab ${o.command}\` output; add --force to replace it (the new output replaces it only once complete)`, 2);
    return "previous";
  }

  /** Puts the complete output in place (replacing the previous one, if any, in two renames). */
  commit(): void {
    if (this.done) throw new Error(`${this.path}: already committed or aborted`);
    const now = existsSync(this.path);
    if (this.existed === "none" && now) throw new CliError(`${this.path} appeared while this run worked; its output is left in ${this.dir}`);
    if (this.existed === "empty" && now) rmdirSync(this.path);
    if (this.existed === "previous" && now) {
      const old = join(dirname(this.path), `.${basename(this.path)}.old-${process.pid}`);
      renameSync(this.path, old);
      renameSync(this.dir, this.path);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(this.dir, this.path);
    this.done = true;
    this.unregister();
  }

  /** Removes the temporary folder (the previous output, if any, stays). */
  abort(): void {
    if (this.done) return;
    this.done = true;
    rmSync(this.dir, { recursive: true, force: true });
    this.unregister();
  }

  /** Aborts if not committed, and releases the lock. */
  release(): void {
    this.abort();
    this.lock.release();
  }
}

/**
 * Claims a single output file (`detect --out`, `evaluate --json`, `synth --out`): a new path, or a
 * previous output of the same command (its `FILE.manifest.json` names it) with `force`. Other
 * files, folders and inputs of this run are refused. `companions` are further files the command
 * writes beside it (e.g. `FILE.labels.csv`): each must be absent or listed by that manifest.
 * The previous manifest is removed right away, so a run that dies before writing its own leaves
 * no manifest that describes files it did not write.
 */
export function claimOutputFile(target: string, o: OutputClaimOptions & { companions?: readonly string[] }): { path: string; release: () => void } {
  const path = resolve(target);
  const flag = o.flag ?? "--out";
  for (const i of o.inputs ?? []) if (resolve(i) === path) throw new CliError(`${flag} ${target} is also an input of this run; choose another ${flag}`, 2);
  try {
    ensureDir(dirname(path));
  } catch (err) {
    throw new CliError(`${flag} ${target}: ${(err as Error).message}`);
  }
  let lock: FileLock;
  try {
    lock = FileLock.acquire(path, `${flag} ${target}`);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  try {
    const manifestPath = `${path}.manifest.json`;
    const manifest = existsSync(manifestPath) ? readManifestProducer(manifestPath) : null;
    const ours = manifest !== null && (manifest.producer === `loglab ${o.command}` || manifest.producer.startsWith(`loglab ${o.command} `));
    const listed = new Set(manifest?.outputs ?? []);
    for (const p of [path, ...(o.companions ?? []).map((c) => resolve(c))]) {
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      const shown = p === path ? target : p;
      if (st.isDirectory()) throw new CliError(`${flag} ${shown} is a folder; loglab ${o.command} writes a file there: choose another ${flag}`, 2);
      if (!ours || !listed.has(basename(p))) throw new CliError(`${flag} ${shown} already exists and was not written by \`loglab ${o.command}\`; nothing was changed: choose another ${flag}`, 2);
      if (!o.force) throw new CliError(`${flag} ${shown} holds an earlier \`loglab ${o.command}\` output; add --force to replace it`, 2);
    }
    if (ours && o.force) rmSync(manifestPath, { force: true });
  } catch (err) {
    lock.release();
    throw err;
  }
  return { path, release: () => lock.release() };
}
