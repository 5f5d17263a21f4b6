import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileLock, FileLockError, lockPathOf, withFileLock } from "../../lib/runtime/file-lock.js";

const dir = mkdtempSync(join(tmpdir(), "file-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function holder(pid: number, host = hostname()): string {
  return JSON.stringify({ pid, host, since: "2026-01-01T00:00:00.000Z", command: "loglab parse --state x" }) + "\n";
}

describe("FileLock", () => {
  it("writes pid, host, time and command beside the target and removes the lock on release", () => {
    const target = join(dir, "state.json");
    const lock = FileLock.acquire(target, "Drain state", "loglab parse --state state.json");
    const h = JSON.parse(readFileSync(`${target}.lock`, "utf8"));
    expect(h).toMatchObject({ pid: process.pid, host: hostname(), command: "loglab parse --state state.json" });
    expect(lock.path).toBe(lockPathOf(target));
    lock.release();
    lock.release();
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it("a second writer fails clearly, naming the lock file and its holder", async () => {
    const target = join(dir, "shared.json");
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(`${target}.lock`, holder(sleeper.pid!));
      let err: unknown;
      try {
        FileLock.acquire(target, "Drain state shared.json");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FileLockError);
      expect((err as Error).message).toMatch(new RegExp(`Drain state shared\\.json is locked by another loglab run: pid ${sleeper.pid} on host .* \\(loglab parse --state x\\)\\. Lock file: .*shared\\.json\\.lock`));
      expect(readFileSync(`${target}.lock`, "utf8")).toBe(holder(sleeper.pid!)); // untouched
    } finally {
      sleeper.kill("SIGKILL");
      rmSync(`${target}.lock`, { force: true });
    }
  });

  it("takes over a stale lock whose holder is gone (a run killed with SIGKILL)", () => {
    const target = join(dir, "stale.json");
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(`${target}.lock`, holder(dead));
    const lock = FileLock.acquire(target);
    expect(JSON.parse(readFileSync(`${target}.lock`, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("refuses a holder on another host (it cannot be checked) and a lock file it did not write", () => {
    const a = join(dir, "remote.json");
    writeFileSync(`${a}.lock`, holder(1, "some-other-host"));
    expect(() => FileLock.acquire(a)).toThrow(/pid 1 on host some-other-host.*cannot check/);
    const b = join(dir, "foreign.json");
    writeFileSync(`${b}.lock`, "not json");
    expect(() => FileLock.acquire(b)).toThrow(/not a lock loglab wrote/);
  });

  it("is not re-entrant: the same process taking it twice fails", () => {
    const target = join(dir, "twice.json");
    const lock = FileLock.acquire(target);
    expect(() => FileLock.acquire(target)).toThrow(/this process/);
    lock.release();
  });

  it("withFileLock releases the lock when the work throws", async () => {
    const target = join(dir, "with.json");
    await expect(withFileLock(target, "x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it("is released when the process exits early (exit handler), e.g. on SIGTERM in the CLI", () => {
    const target = join(dir, "exit.json");
    const script = `import("${join(process.cwd(), "lib/runtime/file-lock.ts").replace(/\\/g, "/")}").then((m) => { m.FileLock.acquire(${JSON.stringify(target)}); process.exit(3); });`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(3);
    expect(existsSync(`${target}.lock`)).toBe(false);
  });
});
