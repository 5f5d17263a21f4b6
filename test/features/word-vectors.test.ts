import { describe, expect, it } from "vitest";
import { cosine, WordVectors } from "../../lib/features/word-vectors.js";

// a = (1, 0), b = (0.6, 0.8), c = (0, 1), d = (-1, 0)
const wv = () => new WordVectors(["a", "b", "c", "d"], 2, Float32Array.from([1, 0, 0.6, 0.8, 0, 1, -1, 0]));

describe("WordVectors", () => {
  it("checks its shape: a positive integer dim and words × dim values", () => {
    expect(() => new WordVectors(["a"], 0, new Float32Array(0))).toThrow("WordVectors: dim must be a positive integer, got 0");
    expect(() => new WordVectors(["a"], 1.5, new Float32Array(1))).toThrow(/dim must be a positive integer, got 1.5/);
    expect(() => new WordVectors(["a", "b"], 2, new Float32Array(3))).toThrow("WordVectors: 2 words × 2 dims needs 4 values, got 3");
  });

  it("size, has and vector (a view of the word's row)", () => {
    const v = wv();
    expect(v.size).toBe(4);
    expect(v.has("c")).toBe(true);
    expect(v.has("z")).toBe(false);
    expect(Array.from(v.vector("b")!)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(v.vector("z")).toBeNull();
    expect(v.vector("c")!.buffer).toBe(v.vectors.buffer);
  });

  it("similarity is the cosine of two words, null when either is unknown", () => {
    const v = wv();
    expect(v.similarity("a", "b")).toBeCloseTo(0.6, 6);
    expect(v.similarity("a", "d")).toBeCloseTo(-1, 6);
    expect(v.similarity("a", "z")).toBeNull();
  });

  it("mostSimilar ranks by cosine, excludes the word itself, takes a vector too and stops at k", () => {
    const v = wv();
    expect(v.mostSimilar("a", 2).map((n) => n.word)).toEqual(["b", "c"]);
    const all = v.mostSimilar("a");
    expect(all.map((n) => n.word)).toEqual(["b", "c", "d"]);
    expect(all[2]!.similarity).toBeCloseTo(-1, 6);
    // A query vector is compared with every word, including an identical one.
    expect(v.mostSimilar(Float32Array.of(0, 2), 2).map((n) => n.word)).toEqual(["c", "b"]);
    expect(v.mostSimilar("unknown")).toEqual([]);
  });

  it("mostSimilar breaks similarity ties by word", () => {
    const t = new WordVectors(["q", "z", "y"], 1, Float32Array.from([1, 2, 3]));
    expect(t.mostSimilar("q").map((n) => n.word)).toEqual(["y", "z"]);
  });

  it("toText writes the word2vec/fastText text format with a header and fixed digits", () => {
    expect(wv().toText(2)).toBe("4 2\na 1.00 0.00\nb 0.60 0.80\nc 0.00 1.00\nd -1.00 0.00\n");
    expect(new WordVectors([], 3, new Float32Array(0)).toText()).toBe("0 3\n");
  });
});

describe("cosine", () => {
  it("is dot / (‖a‖‖b‖), 0 for a zero vector, and refuses different lengths", () => {
    expect(cosine([1, 2, 2], [2, 4, 4])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(() => cosine([1], [1, 2])).toThrow("cosine: lengths 1 and 2 differ");
  });
});
