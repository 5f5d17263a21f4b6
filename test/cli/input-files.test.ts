import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkInputFiles } from "../../lib/cli/input-files.js";

const dir = mkdtempSync(join(tmpdir(), "input-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkInputFiles", () => {
  it("accepts files; names a missing path or a folder", () => {
    const f = join(dir, "a.log");
    writeFileSync(f, "x");
    expect(() => checkInputFiles([f], "--input")).not.toThrow();
    expect(() => checkInputFiles([join(dir, "b.log")], "--input")).toThrow(/^cannot read input .*b\.log: no such file$/);
    expect(() => checkInputFiles([dir], "--keys")).toThrow(/^cannot read --keys .*: it is a directory$/);
  });
});
