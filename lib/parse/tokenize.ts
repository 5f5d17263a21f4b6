/**
 * Splits a (masked) message into tokens at whitespace, as logparser's `str.split()` does, and
 * optionally at extra delimiter characters (Drain3's `extra_delimiters`, e.g. `=` or `,`), keeping
 * where each token starts and ends so parameters can be mapped back to the original text.
 */

/** Tokens of one message with their offsets (`starts[i]`, `ends[i]` index into the message). */
export interface Tokens {
  tokens: string[];
  starts: number[];
  ends: number[];
}

function isWhitespace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x1f) || // Python's str.split() also splits on these separators
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * A reusable tokenizer. Delimiters are single characters; whitespace always separates.
 *
 * @example
 * new Tokenizer().split("a  b=c").tokens;      // ["a", "b=c"]
 * new Tokenizer(["="]).split("a  b=c").tokens; // ["a", "b", "c"]
 */
export class Tokenizer {
  private readonly extra: Set<number>;

  constructor(readonly extraDelimiters: readonly string[] = []) {
    for (const d of extraDelimiters) {
      if (d.length !== 1) throw new Error(`Tokenizer: extra delimiters are single characters, got "${d}"`);
    }
    this.extra = new Set(extraDelimiters.map((d) => d.charCodeAt(0)));
  }

  /** Splits `text`; empty tokens never occur. */
  split(text: string): Tokens {
    const tokens: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const n = text.length;
    const extra = this.extra;
    const useExtra = extra.size > 0;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      while (isWhitespace(c) || (useExtra && extra.has(c))) {
        if (++i >= n) return { tokens, starts, ends };
        c = text.charCodeAt(i);
      }
      const s = i;
      while (i < n) {
        c = text.charCodeAt(i);
        if (isWhitespace(c) || (useExtra && extra.has(c))) break;
        i++;
      }
      tokens.push(text.slice(s, i));
      starts.push(s);
      ends.push(i);
    }
    return { tokens, starts, ends };
  }
}
