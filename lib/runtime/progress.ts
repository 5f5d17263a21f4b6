import { SingleBar, Presets } from "cli-progress";
import { createRequire } from "node:module";
import { join } from "node:path";

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Shown before the bar, e.g. "parse HDFS". */
  label: string;
  /** Total units of work, if known (no ETA otherwise). */
  total?: number;
  /** Unit name shown with counts (default "items"). */
  unit?: string;
  /** Where plain-text progress goes (default: stderr). */
  write?: (line: string) => void;
  /** Minimum milliseconds between plain-text or notebook updates (default 2000). */
  intervalMs?: number;
  /** Force a mode instead of detecting it. */
  mode?: ProgressMode;
}

/** terminal: a live bar (TTY); notebook: one updating tslab display; lines: periodic log lines; off: silent. */
export type ProgressMode = "terminal" | "notebook" | "lines" | "off";

/** A running progress indicator. */
export interface Progress {
  /** Adds `n` (default 1) completed units. */
  tick(n?: number): void;
  /** Sets the number of completed units. */
  update(done: number): void;
  /** Finishes: prints the final count, rate and elapsed time. */
  done(): void;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, "0")}s`;
}

/** The line shown for a given state: label, count, percent, rate, elapsed and ETA. */
export function progressLine(label: string, done: number, total: number | undefined, elapsedS: number, unit: string): string {
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const rateText = `${rate >= 100 ? Math.round(rate).toLocaleString("en-US") : rate.toFixed(1)} ${unit}/s`;
  if (total !== undefined && total > 0) {
    const pct = Math.min(100, (100 * done) / total);
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    return `${label}: ${pct.toFixed(0)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${unit} · ${rateText} · ${formatSeconds(elapsedS)} elapsed · ETA ${done >= total ? "0s" : formatSeconds(eta)}`;
  }
  return `${label}: ${done.toLocaleString("en-US")} ${unit} · ${rateText} · ${formatSeconds(elapsedS)} elapsed`;
}

function inTslabKernel(): boolean {
  return process.argv.some((a) => a === "kernel") && process.argv.some((a) => a.includes("tslab"));
}

function detectMode(): ProgressMode {
  const env = process.env.LOGLAB_PROGRESS;
  if (env === "off" || env === "lines" || env === "terminal" || env === "notebook") return env;
  if (process.env.VITEST) return "off";
  if (inTslabKernel()) return "notebook";
  if (process.stderr.isTTY) return "terminal";
  return "lines";
}

interface NotebookDisplay {
  text(s: string): void;
}

function newNotebookDisplay(): NotebookDisplay | null {
  try {
    const req = createRequire(join(process.cwd(), "noop.js"));
    const tslab = req("tslab") as { newDisplay(): NotebookDisplay };
    return tslab.newDisplay();
  } catch {
    return null;
  }
}

/**
 * A progress indicator with rate and ETA that works in a terminal (a live bar), in a tslab
 * notebook (one display that updates in place) and in logs (a line every few seconds).
 * `LOGLAB_PROGRESS=off|lines|terminal|notebook` overrides the detection; tests are silent.
 *
 * @example
 * const bar = progress({ label: "train DeepLog", total: epochs, unit: "epochs" });
 * for (...) { ...; bar.tick(); }
 * bar.done();
 */
export function progress(options: ProgressOptions): Progress {
  const unit = options.unit ?? "items";
  const intervalMs = options.intervalMs ?? 2000;
  let mode = options.mode ?? detectMode();
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const start = performance.now();
  let done = 0;
  let lastEmit = start; // first periodic line after one interval
  let finished = false;
  const elapsed = (): number => (performance.now() - start) / 1000;

  let bar: SingleBar | null = null;
  let display: NotebookDisplay | null = null;
  if (mode === "terminal") {
    bar = new SingleBar(
      {
        format: `${options.label} [{bar}] {percentage}% {value}/{total} ${unit} · {rate} ${unit}/s · ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    bar.start(options.total ?? 0, 0, { rate: "0" });
  } else if (mode === "notebook") {
    display = newNotebookDisplay();
    if (!display) mode = "lines";
  }

  const emit = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastEmit < intervalMs) return;
    lastEmit = now;
    const line = progressLine(options.label, done, options.total, elapsed(), unit);
    if (mode === "notebook" && display) display.text(line);
    else if (mode === "lines") write(line);
  };

  const set = (value: number): void => {
    if (finished) return;
    done = value;
    if (bar) {
      const e = elapsed();
      bar.update(done, { rate: e > 0 ? Math.round(done / e).toLocaleString("en-US") : "0" });
    } else if (mode !== "off") emit(false);
  };

  return {
    tick(n = 1) {
      set(done + n);
    },
    update(value: number) {
      set(value);
    },
    done() {
      if (finished) return;
      if (bar) {
        bar.update(done);
        bar.stop();
        write(progressLine(options.label, done, options.total, elapsed(), unit));
      } else if (mode !== "off") emit(true);
      finished = true;
    },
  };
}
