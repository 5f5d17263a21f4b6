import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256, sha256File, sha256FileSync, sha256FilesOffThread } from "../../lib/io/file-hash.js";

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

describe("sha256FilesOffThread", () => {
  it("hashes several files on a worker thread, larger than its read buffer included, like sha256File", async () => {
    const d = mkdtempSync(join(tmpdir(), "hash-"));
    writeFileSync(join(d, "a"), "abc");
    writeFileSync(join(d, "big"), Buffer.alloc(3 * (1 << 20) + 17, 7));
    const [a, big] = await sha256FilesOffThread([join(d, "a"), join(d, "big")]);
    expect(a).toBe(sha256("abc"));
    expect(big).toBe(await sha256File(join(d, "big")));
    expect(await sha256FilesOffThread([])).toEqual([]);
    await expect(sha256FilesOffThread([join(d, "a"), join(d, "missing")])).rejects.toThrow(/Could not hash .*missing/);
    rmSync(d, { recursive: true });
  });
});

