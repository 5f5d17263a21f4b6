import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../lib/cli/cli-error.js";
import { claimOutputFile, OutputFolder } from "../../lib/cli/output-target.js";

const dir = mkdtempSync(join(tmpdir(), "output-target-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifest = (producer: string, outputs: string[]) => JSON.stringify({ format: "loglab.manifest", version: 1, producer, outputs });

function previousOutput(name: string, producer = "loglab parse --format HDFS"): string {
  const p = join(dir, name);
  mkdirSync(p);
  writeFileSync(join(p, "a.csv"), "old");
  writeFileSync(join(p, "manifest.json"), manifest(producer, ["a.csv"]));
  return p;
}

function claimError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    return err as CliError;
  }
  throw new Error("expected a CliError");
}

describe("OutputFolder", () => {
  it("a new path: written in a temporary sibling, renamed into place on commit, locked meanwhile", () => {
    const out = OutputFolder.claim(join(dir, "new"), { command: "parse", force: false });
    expect(out.dir).toBe(join(dir, `.new.partial-${process.pid}`));
    expect(existsSync(join(dir, "new.lock"))).toBe(true);
    writeFileSync(join(out.dir, "x.csv"), "x");
    expect(existsSync(join(dir, "new"))).toBe(false);
    out.commit();
    out.release();
    expect(readdirSync(join(dir, "new"))).toEqual(["x.csv"]);
    expect(readdirSync(dir).filter((e) => e.startsWith(".new") || e === "new.lock")).toEqual([]);
  });

  it("an aborted run leaves the previous output exactly as it was", () => {
    const p = previousOutput("kept");
    const out = OutputFolder.claim(p, { command: "parse", force: true });
    writeFileSync(join(out.dir, "b.csv"), "new");
    out.release(); // no commit
    expect(readdirSync(p).sort()).toEqual(["a.csv", "manifest.json"]);
    expect(readdirSync(dir).filter((e) => e.startsWith(".kept"))).toEqual([]);
  });

  it("refuses a file, foreign files, another command's output, extra files, and its own output without --force", () => {
    writeFileSync(join(dir, "file"), "x");
    expect(claimError(() => OutputFolder.claim(join(dir, "file"), { command: "parse", force: true })).message).toMatch(/is a file/);
    const foreign = join(dir, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "thesis.tex"), "x");
    expect(claimError(() => OutputFolder.claim(foreign, { command: "parse", force: true })).message).toMatch(/files loglab did not write \(thesis\.tex\)/);
    const other = previousOutput("other", "loglab sessions --format HDFS");
    expect(claimError(() => OutputFolder.claim(other, { command: "parse", force: true })).message).toMatch(/an output of `loglab sessions`, not of `loglab parse`/);
    const extra = previousOutput("extra");
    writeFileSync(join(extra, "notes.md"), "mine");
    expect(claimError(() => OutputFolder.claim(extra, { command: "parse", force: true })).message).toMatch(/plus files it did not write \(notes\.md\)/);
    const own = previousOutput("own");
    const e = claimError(() => OutputFolder.claim(own, { command: "parse", force: false }));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/add --force/);
    expect(readdirSync(dir).filter((x) => x.endsWith(".lock") || x.includes(".partial-"))).toEqual([]);
  });

  it("recovers what a killed run left: a dead run's partial folder is removed, a previous output moved aside mid-commit comes back", () => {
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const p = join(dir, "crashed");
    mkdirSync(join(dir, `.crashed.old-${dead}`));
    writeFileSync(join(dir, `.crashed.old-${dead}`, "a.csv"), "previous");
    writeFileSync(join(dir, `.crashed.old-${dead}`, "manifest.json"), manifest("loglab parse", ["a.csv"]));
    mkdirSync(join(dir, `.crashed.partial-${dead}`));
    const out = OutputFolder.claim(p, { command: "parse", force: true });
    expect(readFileSync(join(p, "a.csv"), "utf8")).toBe("previous");
    expect(existsSync(join(dir, `.crashed.partial-${dead}`))).toBe(false);
    out.release();
  });
});

describe("claimOutputFile", () => {
  it("a new file is free; its own earlier output needs --force; a folder or a foreign file never", () => {
    const f = join(dir, "scores.tsv");
    claimOutputFile(f, { command: "detect", force: false }).release();
    writeFileSync(f, "1\t0.5\t0\n");
    writeFileSync(`${f}.manifest.json`, manifest("loglab detect --model m", ["scores.tsv"]));
    expect(claimError(() => claimOutputFile(f, { command: "detect", force: false })).message).toMatch(/add --force/);
    const c = claimOutputFile(f, { command: "detect", force: true });
    expect(existsSync(`${f}.manifest.json`)).toBe(false); // the old manifest goes first: no manifest describes a file it did not make
    c.release();
    writeFileSync(join(dir, "mine.txt"), "x");
    expect(claimError(() => claimOutputFile(join(dir, "mine.txt"), { command: "detect", force: true })).message).toMatch(/was not written by `loglab detect`/);
    expect(claimError(() => claimOutputFile(dir, { command: "detect", force: true })).message).toMatch(/is a folder/);
    expect(claimError(() => claimOutputFile(join(dir, "in.keys"), { command: "detect", force: true, inputs: [join(dir, "in.keys")] })).message).toMatch(/is also an input/);
  });
});
