import { Vocabulary, type VocabularyJson } from "../features/vocabulary.js";
import { logPretokenize } from "./log-pretokenize.js";

/** Options of {@link LineTokenizer}. */
export interface LineTokenOptions {
  /** Tokens kept per item (line or window), its first ones (default 50, the toolkit's sequence length). */
  maxTokens: number;
  /** Lines per item: 1 = each line is scored; N = consecutive non-overlapping windows of N lines (default 1). */
  windowLines: number;
  /** Lower-case the text first (default true). */
  lowercase: boolean;
  /** Numbers, hex and IP addresses become `[NUM]`, `[HEX]`, `[IP]` (default true). */
  maskParameters: boolean;
  /** Tokens seen fewer times in training map to `[UNK]` (default 1). */
  minCount: number;
  /** Space-separated leading columns dropped before tokenizing (default 0; 1 for BGL/Thunderbird, whose first column is the label). */
  skipColumns: number;
}

export const LINE_TOKEN_DEFAULTS: LineTokenOptions = { maxTokens: 50, windowLines: 1, lowercase: true, maskParameters: true, minCount: 1, skipColumns: 0 };

/** Id of `[PAD]` (never produced) and of `[UNK]` in a {@link LineTokenizer}'s vocabulary. */
export const LINE_PAD_ID = 0;
export const LINE_UNK_ID = 1;

/** A saved {@link LineTokenizer}. */
export interface LineTokenizerJson {
  format: "loglab.line-tokens";
  version: 1;
  options: LineTokenOptions;
  vocabulary: VocabularyJson;
}

/** Items (lines or windows of lines) as token ids, with the 0-based input lines each covers. */
export interface LineTokenItems {
  sequences: number[][];
  /** [first, last] input index (0-based, inclusive) of each item. */
  spans: [number, number][];
}

/**
 * Word-level tokens of raw log text for the token-level models: the BERT classifiers'
 * pre-tokenizer ({@link logPretokenize}: words, digit runs, punctuation, parameters masked as
 * `[NUM]`/`[HEX]`/`[IP]`), numbered by a vocabulary fitted on the training lines (`[PAD]` 0,
 * `[UNK]` 1 for tokens never seen or rarer than `minCount`), at most `maxTokens` per item. An item
 * is one line or a window of `windowLines` consecutive lines.
 *
 * @example
 * const tok = LineTokenizer.fit(trainLines, { maxTokens: 50 });
 * tok.transform(testLines).sequences[0]; // [17, 4, 1, …]
 */
export class LineTokenizer {
  private constructor(
    readonly options: LineTokenOptions,
    readonly vocabulary: Vocabulary,
  ) {}

  static fit(lines: readonly string[], options: Partial<LineTokenOptions> = {}): LineTokenizer {
    const o = { ...LINE_TOKEN_DEFAULTS, ...options };
    if (!(Number.isInteger(o.maxTokens) && o.maxTokens >= 1)) throw new Error(`maxTokens must be a positive integer, got ${o.maxTokens}`);
    if (!(Number.isInteger(o.windowLines) && o.windowLines >= 1)) throw new Error(`windowLines must be a positive integer, got ${o.windowLines}`);
    const probe = new LineTokenizer(o, Vocabulary.build([], { specials: ["[PAD]", "[UNK]"], unknown: "[UNK]" }));
    const words = function* (): Iterable<string> {
      for (const l of lines) yield* probe.words(l);
    };
    return new LineTokenizer(o, Vocabulary.build(words(), { specials: ["[PAD]", "[UNK]"], unknown: "[UNK]", minCount: o.minCount }));
  }

  static fromJSON(json: LineTokenizerJson): LineTokenizer {
    if (json?.format !== "loglab.line-tokens" || json.version !== 1) throw new Error(`not loglab line tokens v1 (format ${String(json?.format)})`);
    return new LineTokenizer({ ...LINE_TOKEN_DEFAULTS, ...json.options }, Vocabulary.fromJSON(json.vocabulary));
  }

  toJSON(): LineTokenizerJson {
    return { format: "loglab.line-tokens", version: 1, options: this.options, vocabulary: this.vocabulary.toJSON() };
  }

  /** The words of one line (before numbering). */
  words(line: string): string[] {
    let text = line;
    for (let k = 0; k < this.options.skipColumns; k++) {
      const sp = text.indexOf(" ");
      text = sp < 0 ? "" : text.slice(sp + 1);
    }
    return logPretokenize(text, this.options);
  }

  /** The word of a token id (for embedding look-ups). */
  word(id: number): string {
    return this.vocabulary.token(id);
  }

  /** Token ids of items: each line, or each window of `windowLines` consecutive lines (the last may be shorter). */
  transform(lines: readonly string[]): LineTokenItems {
    const w = this.options.windowLines;
    const sequences: number[][] = [];
    const spans: [number, number][] = [];
    for (let i = 0; i < lines.length; i += w) {
      const ids: number[] = [];
      const last = Math.min(lines.length, i + w) - 1;
      for (let j = i; j <= last && ids.length < this.options.maxTokens; j++) for (const t of this.words(lines[j]!)) if (ids.length < this.options.maxTokens) ids.push(this.vocabulary.id(t));
      sequences.push(ids);
      spans.push([i, last]);
    }
    return { sequences, spans };
  }
}
