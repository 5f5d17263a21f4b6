import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTextVectors } from "../../lib/features/text-vectors.js";
import { trainWordEmbeddings } from "../../lib/features/word-embeddings.js";
import { Rng } from "../../lib/runtime/rng.js";

const dir = mkdtempSync(join(tmpdir(), "vectors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readTextVectors", () => {
  it("reads GloVe text (no header), rejecting malformed lines with reasons", async () => {
    const f = join(dir, "glove.txt");
    writeFileSync(f, "the 0.1 0.2 0.3\nerror -1 0 1e-2\nbad 1 2\nnan 1 x 3\n\nthe 9 9 9\n");
    const r = await readTextVectors(f);
    expect(r.format).toBe("glove");
    expect(r.vectors.words).toEqual(["the", "error"]);
    expect(Array.from(r.vectors.vector("error")!)).toEqual([-1, 0, Math.fround(0.01)]);
    expect(r.rejected.map((x) => [x.lineNo, x.reason])).toEqual([
      [3, "2 values, expected 3"],
      [4, "a value is not a finite number"],
      [5, "blank line"],
    ]);
    expect(r.duplicates).toBe(1);
  });
  it("reads fastText .vec with its header, gzipped, filtered to a vocabulary and limited", async () => {
    const f = join(dir, "wiki.vec.gz");
    writeFileSync(f, gzipSync("4 2\nBlock 1 0\nfailed 0 1\nuser 1 1\nsize 2 2\n"));
    const r = await readTextVectors(f, { words: new Set(["block", "failed", "user"]), lowercase: true, limit: 2 });
    expect(r.format).toBe("fasttext");
    expect(r.vectors.dim).toBe(2);
    expect(r.vectors.words).toEqual(["block", "failed"]);
  });
  it("round-trips trained vectors through the text format", async () => {
    const t = trainWordEmbeddings([["a", "b", "c"], ["b", "c", "d"]], new Rng(3), { dim: 4, epochs: 2 });
    const f = join(dir, "own.vec");
    writeFileSync(f, t.vectors.toText(8));
    const r = await readTextVectors(f);
    expect(r.format).toBe("fasttext");
    expect(r.vectors.words).toEqual(t.vectors.words);
    for (let i = 0; i < r.vectors.vectors.length; i++) expect(r.vectors.vectors[i]).toBeCloseTo(t.vectors.vectors[i]!, 6);
  });
  it("names a missing file", async () => {
    await expect(readTextVectors(join(dir, "none.txt"))).rejects.toThrow(/no such file .*nothing is downloaded/);
  });
});
