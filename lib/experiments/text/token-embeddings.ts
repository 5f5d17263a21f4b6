import { readTextVectors } from "../../features/text-vectors.js";
import { trainWordEmbeddings, type WordEmbeddingOptions } from "../../features/word-embeddings.js";
import type { WordVectors } from "../../features/word-vectors.js";
import type { KeyVectors } from "../../models/detector.js";
import { Rng } from "../../runtime/rng.js";
import type { LineTokenizer } from "../../text/line-tokens.js";

/** Where a token-level model's embedding starts: random, word2vec trained on the training lines, or a GloVe/fastText text file. */
export type EmbeddingSource = "random" | "trained" | { file: string };

/** Parses `random`, `trained` or a path (CLI `--embeddings`, config `embeddings`). */
export function embeddingSourceOf(text: string): EmbeddingSource {
  return text === "random" || text === "trained" ? text : { file: text };
}

/** Puts an embedding source in words (tables, model cards). */
export function describeEmbeddingSource(s: EmbeddingSource): string {
  return s === "random" ? "random" : s === "trained" ? "skip-gram trained on the training lines" : `file ${s.file}`;
}

/** What {@link tokenKeyVectors} produced. */
export interface TokenKeyVectors {
  keyVectors: KeyVectors | null;
  /** Vocabulary tokens (specials excluded) that got a vector. */
  covered: number;
  tokens: number;
  dim: number | null;
}

/**
 * The key vectors of a tokenizer's vocabulary (key = token id) from an embedding source:
 * - `trained`: skip-gram with negative sampling (features/word-embeddings.ts, Mikolov et al. 2013)
 *   on the words of the training lines only, `dim` long;
 * - a file: GloVe / fastText / word2vec text vectors (features/text-vectors.ts), only the rows of
 *   the vocabulary's words are kept; their length decides `dim`;
 * - `random`: none (the model's own random start).
 */
export async function tokenKeyVectors(tokenizer: LineTokenizer, trainLines: readonly string[], source: EmbeddingSource, o: { dim: number; freeze: boolean; seed: number; word2vec?: WordEmbeddingOptions }): Promise<TokenKeyVectors> {
  const tokens = tokenizer.vocabulary.tokens.filter((t) => !tokenizer.vocabulary.specials.includes(t));
  if (source === "random") return { keyVectors: null, covered: 0, tokens: tokens.length, dim: null };
  let vectors: WordVectors;
  let from: string;
  if (source === "trained") {
    const sentences = trainLines.map((l) => tokenizer.words(l));
    vectors = trainWordEmbeddings(sentences, new Rng(o.seed).fork("word2vec"), { epochs: 5, ...o.word2vec, dim: o.dim }).vectors;
    from = "skip-gram trained on the training lines";
  } else {
    vectors = (await readTextVectors(source.file, { words: new Set(tokens), lowercase: tokenizer.options.lowercase })).vectors;
    from = source.file;
    if (vectors.size === 0) throw new Error(`${source.file}: none of the ${tokens.length} vocabulary words has a vector`);
  }
  const covered = tokens.filter((t) => vectors.has(t)).length;
  return {
    keyVectors: { dim: vectors.dim, freeze: o.freeze, source: from, vector: (key) => vectors.vector(tokenizer.word(key)) },
    covered,
    tokens: tokens.length,
    dim: vectors.dim,
  };
}
