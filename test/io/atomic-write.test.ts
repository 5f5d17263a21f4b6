import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeDirAtomic, writeFileAtomic, writeJsonAtomic } from "../../lib/io/atomic-write.js";

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
    await writeDirAtomic(target, (tmp) => {
      writeFileSync(join(tmp, "new.txt"), "new");
    });
    expect(readdirSync(target)).toEqual(["new.txt"]);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
  it("keeps the old folder when filling fails", async () => {
    const target = join(dir, "keep");
    mkdirSync(target);
    writeFileSync(join(target, "old.txt"), "old");
    await expect(
      writeDirAtomic(target, () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(readFileSync(join(target, "old.txt"), "utf8")).toBe("old");
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});
