import * as tf from "@tensorflow/tfjs";
import { cpus, freemem, totalmem, platform, release, arch } from "node:os";
import { selectBackend, type BackendReport } from "./backend.js";
import { gitState } from "./manifest.js";

/** Facts about the machine and the numeric stack a run used. */
export interface EnvironmentReport {
  node: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  tfjsVersion: string;
  backend: BackendReport;
  git: { commit: string | null; dirty: boolean | null };
  profile: string;
  createdAt: string;
}

/** Selects the TF.js backend (if not done yet) and describes the environment. */
export async function environmentReport(): Promise<EnvironmentReport> {
  const backend = await selectBackend();
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    arch: arch(),
    cpuModel: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    tfjsVersion: tf.version.tfjs,
    backend,
    git: gitState(),
    profile: process.env.LOGLAB_PROFILE ?? "smoke",
    createdAt: new Date().toISOString(),
  };
}

/** The report as two-column rows (fact, value) for display. */
export function environmentRows(env: EnvironmentReport): { fact: string; value: string }[] {
  return [
    { fact: "Node.js", value: env.node },
    { fact: "platform", value: `${env.platform} (${env.arch})` },
    { fact: "CPU", value: `${env.cpuModel} × ${env.cores} cores` },
    { fact: "memory", value: `${env.memoryGiB} GiB (${env.freeMemoryGiB} GiB free)` },
    { fact: "TF.js", value: env.tfjsVersion },
    { fact: "TF.js backend", value: `${env.backend.choice} (${env.backend.tfBackend})` },
    { fact: "why this backend", value: env.backend.reason },
    { fact: "backends tried", value: env.backend.tried.map((t) => `${t.choice}: ${t.ok ? "ok" : t.detail}`).join("; ") },
    { fact: "git commit", value: env.git.commit ? `${env.git.commit.slice(0, 12)}${env.git.dirty ? " (uncommitted changes)" : ""}` : "not a git checkout" },
    { fact: "profile", value: env.profile },
  ];
}
