import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** SHA-256 of every file under `dir` (relative path → hash); {} when it does not exist. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${e}` : e;
      if (statSync(join(dir, r)).isDirectory()) walk(r);
      else out[r] = createHash("sha256").update(readFileSync(join(dir, r))).digest("hex");
    }
  };
  walk("");
  return out;
}

/** SHA-256 of one file, or null when missing. */
export function fileHash(path: string): string | null {
  return existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : null;
}

/** What a run killed by {@link runAndKill} did. */
export interface KilledRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The run ended before the signal was sent. */
  finishedFirst: boolean;
  /** A temporary output folder of this run existed when the signal was sent (the kill landed mid-write). */
  partialAtKill: boolean;
}

/**
 * Spawns `node bin/loglab.mjs ARGS`, waits until the run starts writing (its temporary output
 * folder `.NAME.partial-PID` beside `watch` appears), then sends `signal` `delayMs` later, and
 * waits for the exit. A run that ends before that is reported as `finishedFirst`.
 */
export function runAndKill(args: readonly string[], signal: NodeJS.Signals, delayMs: number, watch: string): Promise<KilledRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/loglab.mjs", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    const partial = join(dirname(watch), `.${basename(watch)}.partial-${child.pid}`);
    let stderr = "";
    let finishedFirst = true;
    let partialAtKill = false;
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on("data", (d) => (stderr += String(d)));
    const poll = setInterval(() => {
      if (!existsSync(partial)) return;
      clearInterval(poll);
      timer = setTimeout(() => {
        finishedFirst = false;
        partialAtKill = existsSync(partial);
        child.kill(signal);
      }, delayMs);
    }, 20);
    child.on("exit", (code, sig) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ code, signal: sig, stderr, finishedFirst, partialAtKill });
    });
  });
}

/** Runs `node bin/loglab.mjs ARGS` to the end; `workMs` is the time from its output folder appearing (see {@link runAndKill}) to its exit. */
export function runWatched(args: readonly string[], watch: string): Promise<{ code: number | null; stderr: string; workMs: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/loglab.mjs", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    const partial = join(dirname(watch), `.${basename(watch)}.partial-${child.pid}`);
    let stderr = "";
    let seenAt = -1;
    child.stderr.on("data", (d) => (stderr += String(d)));
    const poll = setInterval(() => {
      if (seenAt < 0 && existsSync(partial)) seenAt = performance.now();
    }, 20);
    child.on("exit", (code) => {
      clearInterval(poll);
      resolve({ code, stderr, workMs: seenAt < 0 ? 0 : performance.now() - seenAt });
    });
  });
}

/** Entries beside `path` that a killed run may leave: its lock and partial/old folders. */
export function leftovers(path: string): string[] {
  const name = basename(path);
  return readdirSync(dirname(path)).filter((e) => e === `${name}.lock` || e.startsWith(`.${name}.partial-`) || e.startsWith(`.${name}.old-`) || (e.startsWith(`.${name}.lock.`) && e.endsWith(".tmp")));
}
