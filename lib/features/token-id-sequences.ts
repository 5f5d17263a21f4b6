import { Vocabulary } from "./vocabulary.js";

/** The special tokens of BERT-style log models (LogBERT's DIST token is `[CLS]`), with fixed ids 0–4. */
export const BERT_SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

/** Id of `[PAD]` (always 0, so zero-filled buffers are padding). */
export const PAD_ID = 0;
/** Id of `[UNK]`. */
export const UNK_ID = 1;
/** Id of `[CLS]`. */
export const CLS_ID = 2;
/** Id of `[SEP]`. */
export const SEP_ID = 3;
/** Id of `[MASK]`. */
export const MASK_ID = 4;

/**
 * The key vocabulary of BERT-style models: the five specials, then every key seen in `sequences`
 * (train data only, so test keys the model never saw map to `[UNK]`).
 *
 * @example
 * const vocab = buildKeyVocabulary(split.train.sequences);
 * vocab.id("5"); // a stable id ≥ 5
 */
export function buildKeyVocabulary(sequences: readonly (readonly (number | string)[])[], options: { minCount?: number } = {}): Vocabulary {
  function* keys(): Iterable<string> {
    for (const s of sequences) for (const k of s) yield String(k);
  }
  return Vocabulary.build(keys(), { specials: BERT_SPECIAL_TOKENS, unknown: "[UNK]", minCount: options.minCount });
}

/** Options of {@link encodeTokenSequences}. */
export interface TokenEncodingOptions {
  /** Row length (specials included); shorter sequences are padded with `[PAD]`. */
  maxLength: number;
  /** Prepend `[CLS]` (default true). */
  addCls?: boolean;
  /** Append `[SEP]` (default false). */
  addSep?: boolean;
  /** What to keep of a too-long sequence (default `head`: its first keys). */
  truncation?: "head" | "tail";
}

/** Token-id rows, row-major `[count, maxLength]`, `[PAD]`-filled. */
export interface TokenIdSequences {
  ids: Int32Array;
  count: number;
  maxLength: number;
  /** Real tokens per row (specials included, padding excluded). */
  lengths: Int32Array;
  /** Keys that mapped to `[UNK]`, over all rows. */
  unknownTokens: number;
  /** Rows whose sequence was cut to fit. */
  truncated: number;
}

/**
 * Encodes key sequences as fixed-length token-id rows for BERT-style models. Inputs are not
 * changed; the output is one flat Int32Array (`ids[r * maxLength + j]`).
 *
 * @example
 * const enc = encodeTokenSequences(split.train.sequences, vocab, { maxLength: 64 });
 * enc.ids.subarray(0, 64); // [CLS] k1 k2 … [PAD] [PAD]
 */
export function encodeTokenSequences(sequences: readonly (readonly (number | string)[])[], vocab: Vocabulary, options: TokenEncodingOptions): TokenIdSequences {
  const { maxLength } = options;
  const addCls = options.addCls ?? true;
  const addSep = options.addSep ?? false;
  const room = maxLength - (addCls ? 1 : 0) - (addSep ? 1 : 0);
  if (!Number.isInteger(maxLength) || room < 1) throw new Error(`encodeTokenSequences: maxLength ${maxLength} leaves no room for keys`);
  if (vocab.token(PAD_ID) !== "[PAD]" || vocab.token(CLS_ID) !== "[CLS]") throw new Error("encodeTokenSequences: the vocabulary must start with BERT_SPECIAL_TOKENS (use buildKeyVocabulary)");
  const n = sequences.length;
  const ids = new Int32Array(n * maxLength); // zero = [PAD]
  const lengths = new Int32Array(n);
  let unknown = 0;
  let truncated = 0;
  sequences.forEach((seq, r) => {
    let keys = seq;
    if (seq.length > room) {
      truncated++;
      keys = options.truncation === "tail" ? seq.slice(seq.length - room) : seq.slice(0, room);
    }
    let j = r * maxLength;
    if (addCls) ids[j++] = CLS_ID;
    for (const k of keys) {
      const id = vocab.id(String(k));
      const useId = id < 0 ? UNK_ID : id;
      if (useId === UNK_ID) unknown++;
      ids[j++] = useId;
    }
    if (addSep) ids[j++] = SEP_ID;
    lengths[r] = j - r * maxLength;
  });
  return { ids, count: n, maxLength, lengths, unknownTokens: unknown, truncated };
}

/** One row of an encoding as a plain array (for display and tests). */
export function tokenRow(enc: TokenIdSequences, row: number): number[] {
  if (row < 0 || row >= enc.count) throw new Error(`tokenRow: row ${row} out of range 0..${enc.count - 1}`);
  return Array.from(enc.ids.subarray(row * enc.maxLength, (row + 1) * enc.maxLength));
}
