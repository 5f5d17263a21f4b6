import { describe, expect, it } from "vitest";
import { trainWordEmbeddings } from "../../lib/features/word-embeddings.js";
import { templateWords } from "../../lib/features/template-words.js";
import { readLoghubTemplates } from "../../lib/data/loghub-2k.js";
import { Rng } from "../../lib/runtime/rng.js";

const sentences = [...readLoghubTemplates("OpenSSH"), ...readLoghubTemplates("HDFS"), ...readLoghubTemplates("Zookeeper")].map((t) => templateWords(t.eventTemplate));

describe("trainWordEmbeddings", () => {
  for (const mode of ["skipgram", "cbow"] as const) {
    it(`${mode}: the same seed gives the same vectors, another seed different ones`, () => {
      const a = trainWordEmbeddings(sentences, new Rng(42), { mode, dim: 16, epochs: 5 });
      const b = trainWordEmbeddings(sentences, new Rng(42), { mode, dim: 16, epochs: 5 });
      const c = trainWordEmbeddings(sentences, new Rng(43), { mode, dim: 16, epochs: 5 });
      expect(a.vectors.words).toEqual(b.vectors.words);
      expect(Buffer.from(a.vectors.vectors.buffer).equals(Buffer.from(b.vectors.vectors.buffer))).toBe(true);
      expect(Buffer.from(a.vectors.vectors.buffer).equals(Buffer.from(c.vectors.vectors.buffer))).toBe(false);
      expect(a.vectors.dim).toBe(16);
      expect(a.vectors.vectors.every((v) => Number.isFinite(v))).toBe(true);
    });
  }
  it("learns co-occurrence: words of the same templates end up closer than unrelated ones", () => {
    const corpus: string[][] = [];
    for (let i = 0; i < 200; i++) corpus.push(i % 2 ? ["failed", "password", "for", "invalid", "user"] : ["received", "block", "of", "size", "from"]);
    const { vectors } = trainWordEmbeddings(corpus, new Rng(1), { dim: 16, epochs: 10 });
    expect(vectors.similarity("failed", "password")!).toBeGreaterThan(vectors.similarity("failed", "block")!);
    expect(vectors.mostSimilar("block", 4).map((x) => x.word).sort()).toEqual(["from", "of", "received", "size"]);
  });
  it("validates options", () => {
    expect(() => trainWordEmbeddings(sentences, new Rng(1), { dim: 0 })).toThrow(/dim must be a positive integer/);
    expect(() => trainWordEmbeddings([["a"]], new Rng(1), { minCount: 2 })).toThrow(/no word reaches minCount/);
  });
});
