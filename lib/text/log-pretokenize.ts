/**
 * Pre-tokenization of log messages for subword tokenizers: the text is cut into words (runs of
 * letters), digit runs and single punctuation characters, whitespace dropped, as BERT's basic
 * tokenizer does. With parameter masking on, the variable parts that parsing masks as `<*>`
 * become one placeholder token each: IPv4 addresses (with an optional port) `[IP]`, `0x…` hex
 * numbers `[HEX]`, and every other digit run `[NUM]`. So `blk_-1608999687919862906` is
 * `blk _ - [NUM]`, and lines that differ only in their numbers get the same tokens.
 */

/** The placeholder tokens of parameter masking. */
export const PARAMETER_TOKENS = ["[NUM]", "[HEX]", "[IP]"] as const;

/** Options of {@link logPretokenize}. */
export interface PretokenizeOptions {
  /** Lower-case the text first (default true). */
  lowercase?: boolean;
  /** Replace numbers, hex numbers and IPv4 addresses by `[NUM]`, `[HEX]`, `[IP]` (default true). */
  maskParameters?: boolean;
}

// One scan: IPv4[:port] | 0x-hex | digits | letters | any other non-space character.
const MASKED = /(\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)|(0[xX][0-9a-fA-F]+)|(\d+)|([\p{L}\p{M}]+)|(\S)/gu;
const PLAIN = /(\d+)|([\p{L}\p{M}]+)|(\S)/gu;

/**
 * The words of a log message, in order.
 *
 * @example
 * logPretokenize("Connection from 10.0.0.1:22 closed after 3 s");
 * // ["connection", "from", "[IP]", "closed", "after", "[NUM]", "s"]
 * logPretokenize("core.2275 0x1f", { maskParameters: false }); // ["core", ".", "2275", "0", "x", "1", "f"]
 */
export function logPretokenize(text: string, options: PretokenizeOptions = {}): string[] {
  const src = options.lowercase === false ? text : text.toLowerCase();
  const out: string[] = [];
  if (options.maskParameters === false) {
    for (const m of src.matchAll(PLAIN)) out.push(m[0]);
    return out;
  }
  for (const m of src.matchAll(MASKED)) {
    if (m[1] !== undefined) out.push("[IP]");
    else if (m[2] !== undefined) out.push("[HEX]");
    else if (m[3] !== undefined) out.push("[NUM]");
    else out.push(m[0]);
  }
  return out;
}
