import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { main } from "../../lib/cli/main.js";
import { syntheticSessions } from "../models/classic/synthetic-sessions.js";

/** Runs the CLI in-process; returns exit status and captured stdout/stderr. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** A temp folder with DeepLog-style key files: normal/abnormal train and test parts. */
export function keyFiles(): { dir: string; normal: string; abnormal: string; testNormal: string; testAbnormal: string } {
  const dir = mkdtempSync(join(tmpdir(), "loglab-cli-"));
  const s = syntheticSessions(600, 0.3, 21);
  const lines = (label: number, from: number, to: number) =>
    s.sequences
      .filter((_, i) => s.labels[i] === label)
      .slice(from, to)
      .map((q) => q.join(" ") + " ")
      .join("\n") + "\n";
  const f = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return { dir, normal: f("normal", lines(0, 0, 300)), abnormal: f("abnormal", lines(1, 0, 120)), testNormal: f("test_normal", lines(0, 300, 420)), testAbnormal: f("test_abnormal", lines(1, 120, 180)) };
}
