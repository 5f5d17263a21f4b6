import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { onExitCleanup, runExitCleanups } from "../../lib/runtime/exit-cleanup.js";

const dir = mkdtempSync(join(tmpdir(), "exit-cleanup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("exit cleanups", () => {
  it("run each registered task once; an unregistered task does not run", () => {
    const ran: string[] = [];
    onExitCleanup(() => ran.push("a"));
    const undo = onExitCleanup(() => ran.push("b"));
    undo();
    runExitCleanups();
    runExitCleanups();
    expect(ran).toEqual(["a"]);
  });
  it("run when the process exits early", () => {
    const f = join(dir, "tmp-file");
    writeFileSync(f, "x");
    const mod = join(process.cwd(), "lib/runtime/exit-cleanup.ts");
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", `import(${JSON.stringify(mod)}).then((m) => { m.onExitCleanup(() => require("node:fs").rmSync(${JSON.stringify(f)})); process.exit(5); });`], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(5);
    expect(existsSync(f)).toBe(false);
  });
});
