import type { Rng } from "../runtime/rng.js";
import { WordVectors } from "./word-vectors.js";

/** Options of {@link trainWordEmbeddings} (defaults suit template corpora of a few thousand words). */
export interface WordEmbeddingOptions {
  /** `skipgram` predicts context words from the centre word; `cbow` the centre from its context (default skipgram). */
  mode?: "skipgram" | "cbow";
  /** Vector length (default 32). */
  dim?: number;
  /** Largest context radius; each position draws a radius in 1..window as word2vec does (default 4). */
  window?: number;
  /** Negative samples per positive pair (default 5). */
  negative?: number;
  /** Passes over the corpus (default 20). */
  epochs?: number;
  /** Words seen fewer times are dropped (default 1). */
  minCount?: number;
  /** Starting learning rate, decayed linearly to 0.01% of it (default 0.025 skip-gram, 0.05 CBOW). */
  learningRate?: number;
}

/** Trained vectors and what training saw. */
export interface TrainedWordEmbeddings {
  vectors: WordVectors;
  /** Word counts in the corpus (vocabulary order). */
  counts: number[];
  /** Training tokens per epoch (after minCount). */
  tokensPerEpoch: number;
  options: Required<WordEmbeddingOptions>;
}

const MAX_EXP = 6;

function sigmoid(x: number): number {
  if (x > MAX_EXP) return 1;
  if (x < -MAX_EXP) return 0;
  return 1 / (1 + Math.exp(-x));
}

/**
 * Trains word embeddings with negative sampling (Mikolov et al., "Distributed Representations
 * of Words and Phrases and their Compositionality", NIPS 2013; the update rules of word2vec.c):
 * skip-gram or CBOW, a unigram^0.75 noise distribution, linearly decaying learning rate, in plain
 * TypeScript on Float32Arrays. Every random choice (initial weights, window radius, negatives)
 * comes from `rng`, in a fixed order, so the same seed gives the same vectors.
 *
 * @example
 * const sentences = templates.map((t) => templateWords(t));
 * const { vectors } = trainWordEmbeddings(sentences, new Rng(42), { dim: 32, epochs: 20 });
 * vectors.mostSimilar("block", 5);
 */
export function trainWordEmbeddings(sentences: readonly (readonly string[])[], rng: Rng, options: WordEmbeddingOptions = {}): TrainedWordEmbeddings {
  const mode = options.mode ?? "skipgram";
  const opts: Required<WordEmbeddingOptions> = {
    mode,
    dim: options.dim ?? 32,
    window: options.window ?? 4,
    negative: options.negative ?? 5,
    epochs: options.epochs ?? 20,
    minCount: options.minCount ?? 1,
    learningRate: options.learningRate ?? (mode === "cbow" ? 0.05 : 0.025),
  };
  const { dim, window, negative, epochs } = opts;
  for (const k of ["dim", "window", "epochs"] as const) {
    if (!Number.isInteger(opts[k]) || opts[k] < 1) throw new Error(`trainWordEmbeddings: ${k} must be a positive integer, got ${opts[k]}`);
  }
  if (!Number.isInteger(negative) || negative < 1) throw new Error(`trainWordEmbeddings: negative must be a positive integer, got ${negative}`);

  // Vocabulary: by descending count, ties by word (independent of corpus order).
  const countMap = new Map<string, number>();
  for (const s of sentences) for (const w of s) countMap.set(w, (countMap.get(w) ?? 0) + 1);
  const vocab = [...countMap.entries()].filter(([, c]) => c >= opts.minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (vocab.length === 0) throw new Error("trainWordEmbeddings: no word reaches minCount");
  const words = vocab.map((e) => e[0]);
  const counts = vocab.map((e) => e[1]);
  const index = new Map(words.map((w, i) => [w, i]));
  const corpus = sentences.map((s) => Int32Array.from(s.filter((w) => index.has(w)).map((w) => index.get(w)!))).filter((s) => s.length > 1);
  const tokensPerEpoch = corpus.reduce((a, s) => a + s.length, 0);

  // Noise distribution: cumulative unigram^0.75, sampled by binary search.
  const cumulative = new Float64Array(words.length);
  let acc = 0;
  counts.forEach((c, i) => {
    acc += Math.pow(c, 0.75);
    cumulative[i] = acc;
  });
  const sampleNoise = (): number => {
    const r = rng.next() * acc;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const V = words.length;
  const wIn = new Float32Array(V * dim);
  for (let i = 0; i < wIn.length; i++) wIn[i] = (rng.next() - 0.5) / dim;
  const wOut = new Float32Array(V * dim); // zeros, as in word2vec.c
  const hidden = new Float64Array(dim);
  const grad = new Float64Array(dim);

  // One positive target plus `negative` noise targets against the hidden vector; accumulates into grad.
  const train = (target: number, alpha: number): void => {
    for (let d = 0; d <= negative; d++) {
      let t: number;
      let label: number;
      if (d === 0) {
        t = target;
        label = 1;
      } else {
        t = sampleNoise();
        if (t === target) continue;
        label = 0;
      }
      const o = t * dim;
      let f = 0;
      for (let k = 0; k < dim; k++) f += hidden[k]! * wOut[o + k]!;
      const g = (label - sigmoid(f)) * alpha;
      for (let k = 0; k < dim; k++) {
        grad[k]! += g * wOut[o + k]!;
        wOut[o + k] = wOut[o + k]! + g * hidden[k]!;
      }
    }
  };

  const total = Math.max(1, epochs * tokensPerEpoch);
  let seen = 0;
  const lr0 = opts.learningRate;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const sent of corpus) {
      for (let i = 0; i < sent.length; i++) {
        const alpha = Math.max(lr0 * 1e-4, lr0 * (1 - seen / total));
        seen++;
        const b = 1 + rng.int(window);
        const lo = Math.max(0, i - b);
        const hi = Math.min(sent.length - 1, i + b);
        const center = sent[i]!;
        if (mode === "skipgram") {
          for (let j = lo; j <= hi; j++) {
            if (j === i) continue;
            // word2vec.c: the context word's input vector predicts the centre word.
            const ctx = sent[j]! * dim;
            for (let k = 0; k < dim; k++) {
              hidden[k] = wIn[ctx + k]!;
              grad[k] = 0;
            }
            train(center, alpha);
            for (let k = 0; k < dim; k++) wIn[ctx + k] = wIn[ctx + k]! + grad[k]!;
          }
        } else {
          hidden.fill(0);
          grad.fill(0);
          let n = 0;
          for (let j = lo; j <= hi; j++) {
            if (j === i) continue;
            const ctx = sent[j]! * dim;
            for (let k = 0; k < dim; k++) hidden[k]! += wIn[ctx + k]!;
            n++;
          }
          if (n === 0) continue;
          for (let k = 0; k < dim; k++) hidden[k]! /= n;
          train(center, alpha);
          for (let j = lo; j <= hi; j++) {
            if (j === i) continue;
            const ctx = sent[j]! * dim;
            for (let k = 0; k < dim; k++) wIn[ctx + k] = wIn[ctx + k]! + grad[k]!;
          }
        }
      }
    }
  }
  return { vectors: new WordVectors(words, dim, wIn), counts, tokensPerEpoch, options: opts };
}
