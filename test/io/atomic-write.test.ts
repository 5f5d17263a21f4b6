import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeDirAtomic, writeFileAtomic, writeFilesAtomic, writeJsonAtomic } from "../../lib/io/atomic-write.js";

const dir = mkdtempSync(join(tmpdir(), "atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("creates parent folders, writes, replaces, and leaves no temp files", () => {
    const p = join(dir, "a", "b", "file.txt");
    writeFileAtomic(p, "one");
    writeFileAtomic(p, "two");
    expect(readFileSync(p, "utf8")).toBe("two");
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["file.txt"]);
  });
  it("writes JSON with a trailing newline", () => {
    const p = join(dir, "x.json");
    writeJsonAtomic(p, { a: [1, 2] });
    expect(readFileSync(p, "utf8")).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}\n');
  });
  it("names the target on failure and cleans up", () => {
    const blocker = join(dir, "blocker");
    writeFileSync(blocker, "a file, not a folder");
    expect(() => writeFileAtomic(join(blocker, "child.txt"), "x")).toThrow(/blocker/);
  });
});

describe("writeDirAtomic", () => {
  it("replaces a folder only once the new content is complete", async () => {
    const target = join(dir, "model");
    mkdirSync(target);
    writeFileSync(join(target, "old.txt"), "old");
    await writeDirAtomic(
      target,
      (tmp) => {
        writeFileSync(join(tmp, "new.txt"), "new");
      },
      { replaceIf: (entries) => entries.includes("old.txt") }, // the writer recognises its earlier output
    );
    expect(readdirSync(target)).toEqual(["new.txt"]);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
  it("keeps the old folder when filling fails", async () => {
    const target = join(dir, "keep");
    mkdirSync(target);
    writeFileSync(join(target, "old.txt"), "old");
    await expect(
      writeDirAtomic(
        target,
        () => {
          throw new Error("boom");
        },
        { replaceIf: () => true },
      ),
    ).rejects.toThrow("boom");
    expect(readFileSync(join(target, "old.txt"), "utf8")).toBe("old");
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
  // Issue 10: outputs never replace a path holding something the writer did not make.
  it("never replaces a file, or a folder its writer does not recognise (the default)", async () => {
    const mine = join(dir, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "thesis.tex"), "precious");
    await expect(writeDirAtomic(mine, (tmp) => writeFileSync(join(tmp, "x"), "x"))).rejects.toThrow(/mine already holds files this writer did not make \(thesis\.tex\); nothing was changed/);
    expect(readdirSync(mine)).toEqual(["thesis.tex"]);
    const file = join(dir, "a-file");
    writeFileSync(file, "log line\n");
    await expect(writeDirAtomic(file, () => {}, { replaceIf: () => true })).rejects.toThrow(/a-file is a file/);
    expect(readFileSync(file, "utf8")).toBe("log line\n");
    const empty = join(dir, "empty");
    mkdirSync(empty);
    await writeDirAtomic(empty, (tmp) => writeFileSync(join(tmp, "x"), "x"));
    expect(readdirSync(empty)).toEqual(["x"]);
  });
});

describe("writeFilesAtomic", () => {
  it("renames files that belong together only once all are written; a failure leaves the earlier ones", () => {
    const a = join(dir, "pair.log");
    const b = join(dir, "pair.log.labels.csv");
    writeFilesAtomic([{ path: a, data: "one" }, { path: b, data: "two" }]);
    expect([readFileSync(a, "utf8"), readFileSync(b, "utf8")]).toEqual(["one", "two"]);
    expect(() => writeFilesAtomic([{ path: a, data: "new" }, { path: join(dir, "a-file", "x"), data: "y" }])).toThrow(/Could not write/);
    expect(readFileSync(a, "utf8")).toBe("one");
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});
