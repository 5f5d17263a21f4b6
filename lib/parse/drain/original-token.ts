import { originalOffsetFlat } from "../masking.js";
import type { Tokens } from "../tokenize.js";

/**
 * The original (unmasked) text of token `i` of a masked message: `flat` holds the mask spans as
 * `Masker.maskFlat` gives them (empty when nothing was masked).
 */
export function originalTokenText(content: string, toks: Tokens, flat: readonly number[], i: number): string {
  if (flat.length === 0) return content.slice(toks.starts[i], toks.ends[i]);
  return content.slice(originalOffsetFlat(flat, toks.starts[i]!, true), originalOffsetFlat(flat, toks.ends[i]!, false));
}
