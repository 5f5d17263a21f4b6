import { templateWords } from "./template-words.js";
import type { WordVectors } from "./word-vectors.js";

/** Options of {@link templateVectors}. */
export interface TemplateVectorOptions {
  /**
   * How word vectors are combined: `mean` (default), or `idf` — weighted by the inverse document
   * frequency of each word over the given templates, as LogRobust does, so words every template
   * has count less.
   */
  weighting?: "mean" | "idf";
}

/** One vector per template, with how many of its words had a vector. */
export interface TemplateVectorTable {
  dim: number;
  /** Row-major `[templates, dim]`; a template with no known word gets a zero row. */
  vectors: Float32Array;
  /** Words of each template found in the word vectors / total words. */
  coverage: { known: number; total: number }[];
  /** Words with no vector, with how many templates use them. */
  missingWords: Map<string, number>;
}

/**
 * Semantic template vectors: the (idf-weighted) mean of the vectors of each template's words
 * ({@link templateWords}). Used for semantic features (LogRobust, NeuralLog-style) and for
 * mapping templates never seen in training close to known ones.
 *
 * @example
 * const table = templateVectors(templates, trained.vectors, { weighting: "idf" });
 */
export function templateVectors(templates: readonly string[], words: WordVectors, options: TemplateVectorOptions = {}): TemplateVectorTable {
  const dim = words.dim;
  const tokenized = templates.map((t) => templateWords(t));
  const df = new Map<string, number>();
  for (const ws of tokenized) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = templates.length;
  const out = new Float32Array(n * dim);
  const coverage: TemplateVectorTable["coverage"] = [];
  const missing = new Map<string, number>();
  tokenized.forEach((ws, r) => {
    const acc = new Float64Array(dim);
    let weightSum = 0;
    let known = 0;
    for (const w of ws) {
      const v = words.vector(w);
      if (!v) continue;
      known++;
      const weight = options.weighting === "idf" ? Math.log((1 + n) / (1 + (df.get(w) ?? 0))) + 1 : 1;
      for (let d = 0; d < dim; d++) acc[d]! += weight * v[d]!;
      weightSum += weight;
    }
    for (const w of new Set(ws)) if (!words.has(w)) missing.set(w, (missing.get(w) ?? 0) + 1);
    if (weightSum > 0) for (let d = 0; d < dim; d++) out[r * dim + d] = acc[d]! / weightSum;
    coverage.push({ known, total: ws.length });
  });
  return { dim, vectors: out, coverage, missingWords: missing };
}
