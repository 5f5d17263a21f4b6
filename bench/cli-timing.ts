/**
 * Times one `loglab` CLI run as a user starts it (a fresh `node bin/loglab.mjs …` process, tsx
 * start-up included): wall seconds, CPU seconds (user + system) and peak RSS. Peak RSS and CPU
 * come from GNU time (`/usr/bin/time -f`) when it is installed, else from polling
 * `/proc/PID/status` (VmRSS every 20 ms; a lower bound) and the wall clock only.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../lib/runtime/project.js";

/** Figures of one CLI run. */
export interface CliRun {
  wallSeconds: number;
  /** User + system CPU seconds (null without GNU time). */
  cpuSeconds: number | null;
  peakRssMb: number;
  /** How peak RSS and CPU were measured. */
  measuredBy: "gnu-time" | "proc-poll";
  stdout: string;
}

const GNU_TIME = "/usr/bin/time";
const MARK = "LOGLAB_BENCH_TIME";

/** Runs `loglab ARGS` (under `nice` when `nice` is true) and measures it; throws with its stderr when it fails. */
export async function timeCli(args: readonly string[], options: { nice?: boolean } = {}): Promise<CliRun> {
  const bin = join(projectRoot(), "bin", "loglab.mjs");
  const gnu = existsSync(GNU_TIME);
  const cmd = [...(options.nice ? ["nice"] : []), ...(gnu ? [GNU_TIME, "-f", `${MARK} %e %U %S %M`] : []), process.execPath, bin, ...args];
  const t0 = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  let polledKb = 0;
  const poll = gnu
    ? null
    : setInterval(() => {
        try {
          const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
          if (m) polledKb = Math.max(polledKb, Number(m[1]));
        } catch {
          /* the process has ended */
        }
      }, 20);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (poll) clearInterval(poll);
  const wall = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`loglab ${args.join(" ")} exited with ${code}: ${stderr.trim()}`);
  if (gnu) {
    const m = new RegExp(`${MARK} ([\\d.]+) ([\\d.]+) ([\\d.]+) (\\d+)`).exec(stderr);
    if (!m) throw new Error(`no GNU time figures in: ${stderr}`);
    return { wallSeconds: Number(m[1]), cpuSeconds: Number(m[2]) + Number(m[3]), peakRssMb: Number(m[4]) / 1024, measuredBy: "gnu-time", stdout };
  }
  return { wallSeconds: wall, cpuSeconds: null, peakRssMb: polledKb / 1024, measuredBy: "proc-poll", stdout };
}
