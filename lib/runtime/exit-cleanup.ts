/**
 * Work to undo when the process ends early: lock files to release, half-written temporary
 * folders to remove. Tasks run (synchronously, once) when the process exits, which includes the
 * CLI's exits on SIGINT, SIGTERM and a closed stdout (see lib/cli/process-guards.ts); a task is
 * unregistered once its work finished normally. SIGKILL runs nothing, which is why locks detect
 * holders that are gone and temporary folders carry the pid that made them.
 *
 * @example
 * const undo = onExitCleanup(() => rmSync(tmp, { recursive: true, force: true }));
 * …; undo(); // finished normally: nothing left to clean
 */
const tasks = new Set<() => void>();
let installed = false;

/** Runs every registered task now (each once; errors are ignored: the process is ending). */
export function runExitCleanups(): void {
  const list = [...tasks];
  tasks.clear();
  for (const t of list) {
    try {
      t();
    } catch {
      // best effort while exiting
    }
  }
}

/** Registers a task to run if the process exits before it is unregistered; returns the unregister function. */
export function onExitCleanup(task: () => void): () => void {
  if (!installed) {
    process.on("exit", runExitCleanups);
    installed = true;
  }
  tasks.add(task);
  return () => {
    tasks.delete(task);
  };
}
