import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256, sha256File, sha256FileSync } from "../../lib/io/file-hash.js";

describe("sha256", () => {
  it("matches the known digest of 'abc' for strings and files (streamed and sync)", async () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(sha256("abc")).toBe(abc);
    const d = mkdtempSync(join(tmpdir(), "hash-"));
    writeFileSync(join(d, "f"), "abc");
    expect(await sha256File(join(d, "f"))).toBe(abc);
    expect(sha256FileSync(join(d, "f"))).toBe(abc);
    await expect(sha256File(join(d, "missing"))).rejects.toThrow(/Could not hash .*missing/);
    rmSync(d, { recursive: true });
  });
});
