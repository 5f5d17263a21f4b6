/** The attention projections a LoRA adapter can be put on. */
export type AttentionProjection = "query" | "key" | "value" | "output";

/**
 * An input embedded beside the tokens (one integer per position): LogBERT-severity's severity
 * level, a segment id, … `add` sums its embedding into the token embedding (like BERT's segment
 * embeddings); `concat` concatenates it and a dense GELU layer maps the result to `hidden`.
 */
export interface BertExtraInput {
  /** Input name (the model input is called this). */
  name: string;
  /** Number of distinct values (inputs are integers in [0, vocabSize)). */
  vocabSize: number;
  /** Embedding size (must equal `hidden` when `combine` is `add`: added embeddings join after the concatenation's dense layer). */
  dim: number;
  combine: "add" | "concat";
}

/**
 * Sizes and options of a loglab BERT encoder ({@link buildBertEncoder}). Token ids follow
 * features/token-id-sequences.ts: `[PAD]` 0 (never attended to), `[UNK]` 1, `[CLS]` 2 (LogBERT's
 * [DIST]), `[SEP]` 3, `[MASK]` 4, then ordinary tokens (`buildKeyVocabulary` for log keys; a
 * word-piece vocabulary built with the same specials for text).
 */
export interface BertEncoderConfig {
  /** Token ids are integers in [0, vocabSize) (special tokens included). */
  vocabSize: number;
  /** Model width H. */
  hidden: number;
  /** Transformer blocks. */
  layers: number;
  /** Attention heads (must divide hidden). */
  heads: number;
  /** Width of each block's feed-forward layer. */
  ffDim: number;
  /** Longest input, special tokens included (the position table's size). */
  maxLength: number;
  /** Dropout on the embeddings, after attention and after each feed-forward layer (0 = none). */
  dropout: number;
  /** Token embedding size when an extra input is concatenated (default: hidden). */
  tokenDim?: number;
  extraInputs?: readonly BertExtraInput[];
  /** LoRA rank on the projections in `loraTargets` (0 = no adapters). */
  loraRank?: number;
  /** LoRA scale α (the update is (α / r)·x·A·B). */
  loraAlpha?: number;
  loraTargets?: readonly AttentionProjection[];
}

/** Checks a config and names the first bad field. */
export function validateBertConfig(c: BertEncoderConfig): void {
  const positive = (name: string, v: number) => {
    if (!(Number.isInteger(v) && v >= 1)) throw new Error(`BERT config: ${name} must be an integer ≥ 1, got ${v}`);
  };
  positive("vocabSize", c.vocabSize);
  positive("hidden", c.hidden);
  positive("layers", c.layers);
  positive("heads", c.heads);
  positive("ffDim", c.ffDim);
  positive("maxLength", c.maxLength);
  if (c.hidden % c.heads !== 0) throw new Error(`BERT config: hidden ${c.hidden} does not divide into ${c.heads} heads`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`BERT config: dropout must be in [0, 1), got ${c.dropout}`);
  if (c.tokenDim !== undefined) positive("tokenDim", c.tokenDim);
  const names = new Set<string>(["tokens"]);
  for (const e of c.extraInputs ?? []) {
    if (names.has(e.name)) throw new Error(`BERT config: input name "${e.name}" is used twice`);
    names.add(e.name);
    positive(`extraInputs.${e.name}.vocabSize`, e.vocabSize);
    positive(`extraInputs.${e.name}.dim`, e.dim);
    if (e.combine === "add" && e.dim !== c.hidden) throw new Error(`BERT config: extra input "${e.name}" is added (after any concatenation's dense layer), so its dim must be hidden = ${c.hidden}, got ${e.dim}`);
    if (e.combine !== "add" && e.combine !== "concat") throw new Error(`BERT config: extra input "${e.name}": combine must be "add" or "concat"`);
  }
  const concat = (c.extraInputs ?? []).some((e) => e.combine === "concat");
  if (!concat && c.tokenDim !== undefined && c.tokenDim !== c.hidden) throw new Error(`BERT config: tokenDim ${c.tokenDim} ≠ hidden ${c.hidden} needs a concatenated extra input (whose dense layer maps to hidden)`);
  const r = c.loraRank ?? 0;
  if (!(Number.isInteger(r) && r >= 0)) throw new Error(`BERT config: loraRank must be an integer ≥ 0, got ${r}`);
  for (const t of c.loraTargets ?? []) if (!["query", "key", "value", "output"].includes(t)) throw new Error(`BERT config: unknown LoRA target "${t}" (query, key, value, output)`);
}
