import { constants } from "node:os";
import { runExitCleanups } from "../runtime/exit-cleanup.js";

let installed = false;

/**
 * Process-wide handling for the `loglab` command (bin/loglab.mjs installs it; tests that run
 * `main` in-process do not):
 * - stdout or stderr closed early (`loglab detect … | head -1`): EPIPE ends the run quietly with
 *   status 0, as reading less than all of the output is what the reader asked for;
 * - SIGINT, SIGTERM, SIGHUP: one line on stderr, then exit with 128 + the signal number; the
 *   exit runs the registered cleanups (lib/runtime/exit-cleanup.ts), which remove the run's
 *   unfinished temporary output folder and release its locks, so earlier outputs and states
 *   stay as they were;
 * - an exception nothing caught: one line naming it (the stack only with LOGLAB_DEBUG=1), status 1.
 */
export function installProcessGuards(command: string | undefined): void {
  if (installed) return;
  installed = true;
  const name = command && /^[a-z-]+$/.test(command) ? `loglab ${command}` : "loglab";
  const say = (text: string): void => {
    try {
      process.stderr.write(`${name}: ${text}\n`);
    } catch {
      // stderr closed too
    }
  };
  const isPipe = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === "EPIPE";
  const onStreamError = (err: Error): void => {
    if (isPipe(err)) {
      runExitCleanups();
      process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    }
    say(`output error: ${err.message}`);
    process.exit(1);
  };
  process.stdout.on("error", onStreamError);
  process.stderr.on("error", onStreamError);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      say(`interrupted by ${sig}: its unfinished output was removed; earlier outputs and states were left as they were`);
      process.exit(128 + constants.signals[sig]);
    });
  }
  const fatal = (err: unknown): void => {
    if (isPipe(err)) process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    if (process.env.LOGLAB_DEBUG === "1") console.error(err);
    say(`internal error: ${err instanceof Error ? err.message : String(err)}${process.env.LOGLAB_DEBUG === "1" ? "" : " (run with LOGLAB_DEBUG=1 for the stack trace)"}`);
    process.exit(1);
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);
}
