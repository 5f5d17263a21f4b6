/**
 * A WordPiece tokenizer for log text (Schuster & Nakajima, ICASSP 2012; BERT's tokenizer, Devlin
 * et al., NAACL 2019 §3): words from {@link logPretokenize} are split greedily into the longest
 * vocabulary pieces, a piece inside a word written with the `##` prefix.
 *
 * The vocabulary is learned from a corpus the way Hugging Face's `WordPieceTrainer` does it: start
 * from the characters (`c` at a word start, `##c` inside), then repeatedly merge the most frequent
 * adjacent pair of pieces until the vocabulary has `vocabSize` entries or no pair occurs
 * `minFrequency` times. Pair counts are updated incrementally (only the words holding the merged
 * pair are recounted), so a vocabulary of 8,000 pieces over the shipped logs trains in seconds.
 *
 * Why our own: the `tokenizers` npm package (Hugging Face's Rust bindings, 0.23) installs here but
 * its Node binding cannot configure a trainer (vocabulary size, special tokens) and encodes only
 * asynchronously (a Promise per line), which the per-line classifier cannot use.
 */
import { readFileSync } from "node:fs";
import { writeJsonAtomic } from "../io/atomic-write.js";
import type { TokenIdSequences } from "../features/token-id-sequences.js";
import { logPretokenize, PARAMETER_TOKENS, type PretokenizeOptions } from "./log-pretokenize.js";

/**
 * The special tokens, ids 0–4 as every loglab BERT numbers them (pad 0, unk 1, mask 2, cls 3,
 * sep 4: `lib/models/bert`), then the parameter placeholders.
 */
export const WORDPIECE_SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[MASK]", "[CLS]", "[SEP]", ...PARAMETER_TOKENS] as const;

/** Options of {@link WordPieceTokenizer.train}. */
export interface WordPieceTrainOptions extends PretokenizeOptions {
  /** Vocabulary size, specials included (default 8000). */
  vocabSize?: number;
  /** A pair is merged only when it occurs at least this often (default 2). */
  minFrequency?: number;
  /** Token rows are cut to this length, `[CLS]` included (default 64). */
  maxLength?: number;
  /** Longer words become `[UNK]` (default 100 characters). */
  maxWordChars?: number;
}

/** The saved form of a tokenizer (`tokenizer.json` in a model folder). */
export interface WordPieceJson {
  format: "loglab.wordpiece";
  version: 1;
  vocab: string[];
  lowercase: boolean;
  maskParameters: boolean;
  maxLength: number;
  maxWordChars: number;
}

/** Encoding options of {@link WordPieceTokenizer.encodeBatch}. */
export interface WordPieceEncodeOptions {
  /** Row length (default the tokenizer's maxLength). */
  maxLength?: number;
  /** Append `[SEP]` (default false). */
  addSep?: boolean;
}

const CONT = "##";

/**
 * A trained WordPiece tokenizer: `encode` (text → ids with `[CLS]`), `encodeBatch` (fixed-length
 * rows), `decode`, `save` / `load`.
 *
 * @example
 * const tok = WordPieceTokenizer.train(messages, { vocabSize: 4000 });
 * tok.tokenize("Failed password for root"); // ["failed", "password", "for", "root"]
 * tok.encode("Failed password for root"); // [2, …] ([CLS] first)
 */
export class WordPieceTokenizer {
  readonly vocab: readonly string[];
  readonly lowercase: boolean;
  readonly maskParameters: boolean;
  readonly maxLength: number;
  readonly maxWordChars: number;
  private readonly ids: Map<string, number>;
  private readonly cache = new Map<string, readonly number[]>();

  static readonly PAD_ID = 0;
  static readonly UNK_ID = 1;
  static readonly MASK_ID = 2;
  static readonly CLS_ID = 3;
  static readonly SEP_ID = 4;

  private constructor(json: WordPieceJson) {
    WORDPIECE_SPECIAL_TOKENS.forEach((t, i) => {
      if (json.vocab[i] !== t) throw new Error(`WordPieceTokenizer: vocabulary entry ${i} is "${json.vocab[i]}", expected the special token ${t}`);
    });
    this.vocab = json.vocab;
    this.ids = new Map(json.vocab.map((t, i) => [t, i]));
    if (this.ids.size !== json.vocab.length) throw new Error("WordPieceTokenizer: duplicate vocabulary entries");
    this.lowercase = json.lowercase;
    this.maskParameters = json.maskParameters;
    this.maxLength = json.maxLength;
    this.maxWordChars = json.maxWordChars;
    if (!Number.isInteger(this.maxLength) || this.maxLength < 2) throw new Error(`WordPieceTokenizer: maxLength ${this.maxLength} must be an integer ≥ 2`);
  }

  /** Number of vocabulary entries (specials included). */
  get vocabSize(): number {
    return this.vocab.length;
  }

  /** The special tokens (ids 0 … n-1). */
  get specialTokens(): readonly string[] {
    return WORDPIECE_SPECIAL_TOKENS;
  }

  /** Id of a token, or `[UNK]`'s. */
  tokenId(token: string): number {
    return this.ids.get(token) ?? WordPieceTokenizer.UNK_ID;
  }

  /**
   * Learns a vocabulary from `texts` (see the file comment). Deterministic: the same texts give
   * the same vocabulary in any order.
   */
  static train(texts: Iterable<string>, options: WordPieceTrainOptions = {}): WordPieceTokenizer {
    const vocabSize = options.vocabSize ?? 8000;
    const minFrequency = options.minFrequency ?? 2;
    const maxWordChars = options.maxWordChars ?? 100;
    const pre: PretokenizeOptions = { lowercase: options.lowercase ?? true, maskParameters: options.maskParameters ?? true };
    if (!Number.isInteger(vocabSize) || vocabSize <= WORDPIECE_SPECIAL_TOKENS.length) throw new Error(`WordPieceTokenizer.train: vocabSize ${vocabSize} must exceed the ${WORDPIECE_SPECIAL_TOKENS.length} special tokens`);
    const specials = new Set<string>(WORDPIECE_SPECIAL_TOKENS);
    const wordCounts = new Map<string, number>();
    for (const text of texts) {
      for (const w of logPretokenize(text, pre)) {
        if (specials.has(w) || w.length > maxWordChars) continue;
        wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
      }
    }
    const words = [...wordCounts.keys()].sort();
    const counts = words.map((w) => wordCounts.get(w)!);
    // Alphabet: every character at a word start and inside a word, sorted (deterministic ids).
    const initial = new Set<string>();
    for (const w of words) {
      const chars = [...w];
      chars.forEach((c, i) => initial.add(i === 0 ? c : CONT + c));
    }
    const pieces: string[] = [...WORDPIECE_SPECIAL_TOKENS, ...[...initial].sort()];
    const pieceId = new Map(pieces.map((p, i) => [p, i]));
    const symbols: number[][] = words.map((w) => [...w].map((c, i) => pieceId.get(i === 0 ? c : CONT + c)!));
    // Pair statistics: count (weighted by word frequency) and the words holding each pair.
    const SHIFT = 2 ** 21;
    const key = (a: number, b: number): number => a * SHIFT + b;
    const pairCount = new Map<number, number>();
    const pairWords = new Map<number, Set<number>>();
    const addPairs = (wi: number, sign: 1 | -1): void => {
      const s = symbols[wi]!;
      for (let j = 0; j + 1 < s.length; j++) {
        const k = key(s[j]!, s[j + 1]!);
        const c = (pairCount.get(k) ?? 0) + sign * counts[wi]!;
        if (c <= 0) pairCount.delete(k);
        else pairCount.set(k, c);
        if (sign > 0) {
          let set = pairWords.get(k);
          if (!set) pairWords.set(k, (set = new Set()));
          set.add(wi);
        }
      }
    };
    symbols.forEach((_, wi) => addPairs(wi, 1));
    while (pieces.length < vocabSize) {
      let best = -1;
      let bestCount = 0;
      for (const [k, c] of pairCount) {
        if (c > bestCount || (c === bestCount && k < best)) {
          best = k;
          bestCount = c;
        }
      }
      if (best < 0 || bestCount < minFrequency) break;
      const a = Math.floor(best / SHIFT);
      const b = best - a * SHIFT;
      const merged = pieces[a]! + pieces[b]!.slice(CONT.length);
      let m = pieceId.get(merged);
      if (m === undefined) {
        m = pieces.length;
        pieces.push(merged);
        pieceId.set(merged, m);
      }
      const holders = pairWords.get(best) ?? new Set<number>();
      pairWords.delete(best);
      for (const wi of holders) {
        const s = symbols[wi]!;
        addPairs(wi, -1);
        const next: number[] = [];
        for (let j = 0; j < s.length; j++) {
          if (j + 1 < s.length && s[j] === a && s[j + 1] === b) {
            next.push(m);
            j++;
          } else next.push(s[j]!);
        }
        symbols[wi] = next;
        addPairs(wi, 1);
      }
      pairCount.delete(best);
    }
    return new WordPieceTokenizer({ format: "loglab.wordpiece", version: 1, vocab: pieces, lowercase: pre.lowercase!, maskParameters: pre.maskParameters!, maxLength: options.maxLength ?? 64, maxWordChars });
  }

  /** The pieces of one word (greedy longest match first); `[UNK]` when a part has no piece. */
  private wordIds(word: string): readonly number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    let out: number[];
    const special = this.ids.get(word);
    if (special !== undefined && special < WORDPIECE_SPECIAL_TOKENS.length) out = [special];
    else if (word.length > this.maxWordChars) out = [WordPieceTokenizer.UNK_ID];
    else {
      out = [];
      const chars = [...word];
      let start = 0;
      while (start < chars.length) {
        let end = chars.length;
        let id: number | undefined;
        while (end > start) {
          const piece = (start > 0 ? CONT : "") + chars.slice(start, end).join("");
          id = this.ids.get(piece);
          if (id !== undefined) break;
          end--;
        }
        if (id === undefined) {
          out = [WordPieceTokenizer.UNK_ID];
          break;
        }
        out.push(id);
        start = end;
      }
    }
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(word, out);
    return out;
  }

  /** The pieces of a text as strings (no specials added). */
  tokenize(text: string): string[] {
    return this.pieceIds(text).map((id) => this.vocab[id]!);
  }

  /** The piece ids of a text (no specials added, not truncated). */
  pieceIds(text: string): number[] {
    const out: number[] = [];
    for (const w of logPretokenize(text, { lowercase: this.lowercase, maskParameters: this.maskParameters })) out.push(...this.wordIds(w));
    return out;
  }

  /** `[CLS]` + the text's pieces, cut to `maxLength` (default the tokenizer's). */
  encode(text: string, maxLength: number = this.maxLength): number[] {
    const ids = [WordPieceTokenizer.CLS_ID, ...this.pieceIds(text)];
    return ids.length > maxLength ? ids.slice(0, maxLength) : ids;
  }

  /**
   * Fixed-length rows `[CLS] pieces… [PAD]…` (row-major, `ids[r * maxLength + j]`), with each
   * row's length and how many rows were cut.
   */
  encodeBatch(texts: readonly string[], options: WordPieceEncodeOptions = {}): TokenIdSequences {
    const L = options.maxLength ?? this.maxLength;
    const room = L - (options.addSep ? 1 : 0);
    const ids = new Int32Array(texts.length * L);
    const lengths = new Int32Array(texts.length);
    let unknown = 0;
    let truncated = 0;
    texts.forEach((t, r) => {
      const row = [WordPieceTokenizer.CLS_ID, ...this.pieceIds(t)];
      if (row.length > room) {
        truncated++;
        row.length = room;
      }
      if (options.addSep) row.push(WordPieceTokenizer.SEP_ID);
      for (const id of row) if (id === WordPieceTokenizer.UNK_ID) unknown++;
      ids.set(row, r * L);
      lengths[r] = row.length;
    });
    return { ids, count: texts.length, maxLength: L, lengths, unknownTokens: unknown, truncated };
  }

  /** Text of ids: `##` pieces glued to the previous piece, `[PAD]` dropped, other specials kept unless `skipSpecial`. */
  decode(ids: ArrayLike<number>, options: { skipSpecial?: boolean } = {}): string {
    let out = "";
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === WordPieceTokenizer.PAD_ID) continue;
      if (options.skipSpecial && id < 5) continue;
      const t = this.vocab[id];
      if (t === undefined) throw new Error(`WordPieceTokenizer.decode: id ${id} is outside the vocabulary (0..${this.vocab.length - 1})`);
      if (t.startsWith(CONT) && out !== "") out += t.slice(CONT.length);
      else out += (out === "" ? "" : " ") + t;
    }
    return out;
  }

  toJSON(): WordPieceJson {
    return { format: "loglab.wordpiece", version: 1, vocab: [...this.vocab], lowercase: this.lowercase, maskParameters: this.maskParameters, maxLength: this.maxLength, maxWordChars: this.maxWordChars };
  }

  /** A tokenizer from its JSON form; anything else is an error naming `source`. */
  static fromJSON(json: unknown, source = "tokenizer JSON"): WordPieceTokenizer {
    const j = json as Partial<WordPieceJson> | null;
    if (!j || j.format !== "loglab.wordpiece" || j.version !== 1) throw new Error(`${source}: not a loglab.wordpiece v1 tokenizer`);
    if (!Array.isArray(j.vocab) || j.vocab.some((t) => typeof t !== "string")) throw new Error(`${source}: vocab must be an array of strings`);
    return new WordPieceTokenizer({ format: "loglab.wordpiece", version: 1, vocab: j.vocab, lowercase: j.lowercase !== false, maskParameters: j.maskParameters !== false, maxLength: Number(j.maxLength ?? 64), maxWordChars: Number(j.maxWordChars ?? 100) });
  }

  /** Writes `tokenizer.json`-style JSON atomically. */
  save(path: string): void {
    writeJsonAtomic(path, this.toJSON());
  }

  /** Reads a tokenizer saved by {@link save}; errors name the file. */
  static load(path: string): WordPieceTokenizer {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (err) {
      throw new Error(`${path}: cannot read tokenizer (${(err as Error).message})`);
    }
    return WordPieceTokenizer.fromJSON(json, path);
  }
}
