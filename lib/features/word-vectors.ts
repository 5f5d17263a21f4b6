/**
 * Word vectors: one `dim`-long row per word in a flat Float32Array (`vectors[i * dim + d]`).
 * Produced by {@link trainWordEmbeddings} or read by {@link readTextVectors}.
 */
export class WordVectors {
  private readonly index: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly dim: number,
    readonly vectors: Float32Array,
  ) {
    if (!Number.isInteger(dim) || dim <= 0) throw new Error(`WordVectors: dim must be a positive integer, got ${dim}`);
    if (vectors.length !== words.length * dim) throw new Error(`WordVectors: ${words.length} words × ${dim} dims needs ${words.length * dim} values, got ${vectors.length}`);
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  /** Number of words. */
  get size(): number {
    return this.words.length;
  }

  /** True when the word has a vector. */
  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The word's vector (a view into `vectors`; do not write to it), or null. */
  vector(word: string): Float32Array | null {
    const i = this.index.get(word);
    return i === undefined ? null : this.vectors.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** Cosine similarity of two words (null when either has no vector). */
  similarity(a: string, b: string): number | null {
    const va = this.vector(a);
    const vb = this.vector(b);
    return va && vb ? cosine(va, vb) : null;
  }

  /** The `k` words closest to a word or vector by cosine similarity (the word itself excluded). */
  mostSimilar(query: string | Float32Array, k = 10): { word: string; similarity: number }[] {
    const q = typeof query === "string" ? this.vector(query) : query;
    if (!q) return [];
    const out: { word: string; similarity: number }[] = [];
    for (let i = 0; i < this.words.length; i++) {
      if (typeof query === "string" && this.words[i] === query) continue;
      out.push({ word: this.words[i]!, similarity: cosine(q, this.vectors.subarray(i * this.dim, (i + 1) * this.dim)) });
    }
    return out.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1)).slice(0, k);
  }

  /** The word2vec/fastText text format: a `count dim` header, then `word v1 … vdim` per line. */
  toText(digits = 6): string {
    const lines = [`${this.words.length} ${this.dim}`];
    for (let i = 0; i < this.words.length; i++) {
      const v = Array.from(this.vectors.subarray(i * this.dim, (i + 1) * this.dim), (x) => x.toFixed(digits));
      lines.push(`${this.words[i]} ${v.join(" ")}`);
    }
    return lines.join("\n") + "\n";
  }
}

/** Cosine similarity of two equal-length vectors (0 when either is all zeros). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cosine: lengths ${a.length} and ${b.length} differ`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
