import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { onExitCleanup } from "./exit-cleanup.js";
import { ensureDir } from "../io/ensure-dir.js";

/** Who holds a lock: written into the lock file as one JSON line. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** What took it (the command line). */
  command: string;
}

/** A lock that another live process holds (or whose holder cannot be checked). */
export class FileLockError extends Error {
  constructor(
    message: string,
    readonly lockPath: string,
    readonly holder: LockHolder | null,
  ) {
    super(message);
    this.name = "FileLockError";
  }
}

/** The lock file of `target`: `<target>.lock`, beside it. */
export function lockPathOf(target: string): string {
  return `${resolve(target)}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

function readHolder(lockPath: string): { text: string; holder: LockHolder | null } | null {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    if (typeof h.pid === "number" && typeof h.host === "string") return { text, holder: h };
  } catch {
    // not a lock this code wrote
  }
  return { text, holder: null };
}

function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on host ${h.host} since ${h.since}${h.command ? ` (${h.command})` : ""}`;
}

let counter = 0;

/**
 * An exclusive lock on a file that several runs may write (a Drain state, an output folder),
 * held as `<target>.lock`: created atomically (written under a temporary name, then hard-linked
 * into place, which fails if the lock exists), holding the pid, host, time and command of its
 * holder. A lock whose holder ran on this host and is gone (killed, crashed) is stale and taken
 * over; a live holder, or one on another host, makes {@link FileLock.acquire} fail with a
 * {@link FileLockError} naming the lock file and its holder. Released by {@link FileLock.release}
 * and, if the process ends first, when it exits (SIGINT/SIGTERM in the CLI included).
 *
 * @example
 * const lock = FileLock.acquire("work/drain.json", "Drain state work/drain.json");
 * try { … load, mine, save … } finally { lock.release(); }
 */
export class FileLock {
  private released = false;
  private readonly unregister: () => void;

  private constructor(
    readonly path: string,
    private readonly text: string,
  ) {
    this.unregister = onExitCleanup(() => this.release());
  }

  /** Takes the lock of `target` (`what` names it in errors), taking over a stale one. */
  static acquire(target: string, what: string = target, command: string = [basename(process.argv[1] ?? "node"), ...process.argv.slice(2)].join(" ")): FileLock {
    const lockPath = lockPathOf(target);
    ensureDir(dirname(lockPath));
    const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: command.slice(0, 300) };
    const text = JSON.stringify(me) + "\n";
    for (let attempt = 0; attempt < 5; attempt++) {
      if (FileLock.create(lockPath, text)) return new FileLock(lockPath, text);
      const seen = readHolder(lockPath);
      if (seen === null) continue; // released meanwhile: try again
      const h = seen.holder;
      if (h === null) throw new FileLockError(`${what} is locked by ${lockPath}, which is not a lock loglab wrote; delete it if no other program uses ${basename(target)}`, lockPath, null);
      if (h.host === me.host && h.pid !== process.pid && !alive(h.pid)) {
        // Stale: its holder is gone. Remove it only if it is still the same lock.
        const again = readHolder(lockPath);
        if (again !== null && again.text === seen.text) {
          try {
            unlinkSync(lockPath);
          } catch {
            // someone else removed it first
          }
        }
        continue;
      }
      const who = h.pid === process.pid && h.host === me.host ? "this process (it is already locked here)" : describeHolder(h);
      throw new FileLockError(
        `${what} is locked by another loglab run: ${who}. Lock file: ${lockPath}. Wait for that run to finish; if it is not running any more${h.host !== me.host ? ` (it ran on host ${h.host}, which this run cannot check)` : ""}, delete the lock file.`,
        lockPath,
        h,
      );
    }
    throw new FileLockError(`${what}: could not take the lock ${lockPath} (it kept changing)`, lockPath, null);
  }

  /** Creates the lock file with `text` atomically; false when it exists. */
  private static create(lockPath: string, text: string): boolean {
    const tmp = join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}.${++counter}.tmp`);
    writeFileSync(tmp, text);
    try {
      linkSync(tmp, lockPath);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") return false;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw new Error(`Could not create lock ${lockPath}: ${(err as Error).message}`);
      // No hard links on this filesystem: exclusive create (a crash between create and write leaves an empty lock, reported as foreign).
      let fd: number;
      try {
        fd = openSync(lockPath, "wx");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw new Error(`Could not create lock ${lockPath}: ${(e as Error).message}`);
      }
      writeSync(fd, text);
      closeSync(fd);
      return true;
    } finally {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
  }

  /** Removes the lock file if it is still this lock. Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.unregister();
    const seen = readHolder(this.path);
    if (seen !== null && seen.text === this.text) {
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
  }
}

/** Runs `fn` holding the lock of `target`; the lock is released however `fn` ends. */
export async function withFileLock<T>(target: string, what: string, fn: () => Promise<T> | T): Promise<T> {
  const lock = FileLock.acquire(target, what);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
