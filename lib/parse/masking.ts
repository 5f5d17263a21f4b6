/**
 * Masking: regexes that replace variable parts of a message (IPs, numbers, block ids, …) by a
 * placeholder before template mining, as logparser's preprocessing (`rex`) and Drain3's
 * `MaskingInstruction`s do. A rule named `*` writes `<*>` (logparser style); any other name
 * writes `<:NAME:>` (Drain3 style), which Drain then treats as an ordinary token.
 *
 * Rules apply in order, each to the output of the previous one. {@link Masker.maskWithSpans}
 * also returns where each placeholder sits and which original text it replaced, so parameters
 * can be read back from the original message exactly (Drain3 issue #58/#80-style mistakes,
 * where the parameter list comes from re-matching the template against the line, cannot occur).
 */

/** One masking rule. */
export interface MaskingRule {
  /** `*` for a plain `<*>`, otherwise the mask name written as `<:NAME:>` (letters, digits, _). */
  name: string;
  /** Regular expression source (JavaScript syntax; logparser's Python patterns work unchanged when they use common syntax). */
  pattern: string;
  /** Extra RegExp flags (`i`, `u`, `s`, `m`); `g` is always added. */
  flags?: string;
  /**
   * A cheap precondition: the rule can only match text holding `char` at least `count` times
   * (e.g. a UUID needs four `-`). Lines failing it skip the regex. Optional.
   */
  requires?: { char: string; count: number };
}

/** A placeholder in masked text and the original text it stands for. */
export interface MaskSpan {
  /** Start of the placeholder in the masked text. */
  start: number;
  /** End (exclusive) of the placeholder in the masked text. */
  end: number;
  /** Start of the replaced text in the original message. */
  origStart: number;
  /** End (exclusive) of the replaced text in the original message. */
  origEnd: number;
}

/** A masked message with its placeholder spans (sorted by position, non-overlapping). */
export interface MaskedText {
  text: string;
  spans: MaskSpan[];
}

/** Options of {@link Masker}. */
export interface MaskerOptions {
  /**
   * Shrink every match so that it neither starts nor ends with whitespace (default false). Some
   * logparser patterns (Windows `0x.*?\s`, OpenStack `/.+?\s`) end in `\s` and so glue the
   * placeholder to the next word; with this option the whitespace stays and tokens stay apart.
   */
  keepWhitespace?: boolean;
}

/**
 * Faster patterns that find exactly the same matches as LogHub's IPv4 masks. The originals try a
 * match at every digit of a long number (a 19-digit block id costs ~190 steps, half the masking
 * time on HDFS); `(?<!\d)` skips starts inside a digit run. Same matches, because (1) a match
 * starting inside a run implies one starting at the run's first digit (the same continuation),
 * which the scan tries first, and (2) every match ends after a greedy `\d+`, so the next scan
 * never starts inside a run. A property test compares both on random text.
 */
export const FASTER_EQUIVALENT: Readonly<Record<string, string>> = Object.freeze({
  "(\\d+\\.){3}\\d+(:\\d+)?": "(?<!\\d)(?:\\d+\\.){3}\\d+(?::\\d+)?",
  "(\\d+\\.){3}\\d+": "(?<!\\d)(?:\\d+\\.){3}\\d+",
});

/**
 * The pattern with its capturing groups made non-capturing (only the whole match is used, and
 * captures cost an allocation per match). Patterns with backreferences or named groups are kept.
 */
function withoutCaptures(pattern: string): string {
  if (/\\[1-9]|\\k<|\(\?<[A-Za-z]/.test(pattern)) return pattern;
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      out += c + (pattern[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "(" && pattern[i + 1] !== "?") {
      out += "(?:";
      continue;
    }
    out += c;
  }
  return out;
}

function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Named masks in the spirit of Drain3's example configuration: applied in this order. */
export const DEFAULT_MASKING_RULES: readonly MaskingRule[] = [
  { name: "UUID", pattern: "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", requires: { char: "-", count: 4 } },
  { name: "IP", pattern: "(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?(?![\\w.])", requires: { char: ".", count: 3 } },
  { name: "HEX", pattern: "(?<![\\w])0[xX][0-9a-fA-F]+\\b", requires: { char: "0", count: 1 } },
  { name: "NUM", pattern: "(?<![\\w.+-])[-+]?\\d+(?:\\.\\d+)?(?![\\w.])" },
];

/** The placeholder a rule writes. */
export function maskPlaceholder(name: string): string {
  return name === "*" ? "<*>" : `<:${name}:>`;
}

/**
 * Applies masking rules in order.
 *
 * @example
 * const m = new Masker([{ name: "IP", pattern: "(\\d+\\.){3}\\d+" }]);
 * m.mask("from 10.0.0.1 port 22"); // "from <:IP:> port 22"
 */
export class Masker {
  private readonly regexes: RegExp[];
  private readonly placeholders: string[];
  /** The rules this masker applies, in order. */
  readonly rules: readonly MaskingRule[];

  /** Matches never swallow whitespace at their ends (see {@link MaskerOptions.keepWhitespace}). */
  readonly keepWhitespace: boolean;

  constructor(rules: readonly MaskingRule[], options: MaskerOptions = {}) {
    this.keepWhitespace = options.keepWhitespace ?? false;
    this.rules = rules.map((r) => ({ ...r }));
    this.regexes = rules.map((r, i) => {
      if (r.name !== "*" && !/^[A-Za-z0-9_]+$/.test(r.name)) throw new Error(`masking rule ${i + 1}: name "${r.name}" must be "*" or letters, digits and _`);
      const flags = (r.flags ?? "").replace(/g/g, "");
      if (!/^[imsu]*$/.test(flags)) throw new Error(`masking rule ${i + 1} (${r.name}): unsupported flags "${r.flags}"`);
      try {
        return new RegExp(FASTER_EQUIVALENT[r.pattern] ?? withoutCaptures(r.pattern), `${flags}g`);
      } catch (err) {
        throw new Error(`masking rule ${i + 1} (${r.name}): invalid pattern /${r.pattern}/: ${(err as Error).message}`);
      }
    });
    this.placeholders = rules.map((r) => maskPlaceholder(r.name));
    this.requires = rules.map((r) => (r.requires && r.requires.char.length === 1 && r.requires.count > 0 ? [r.requires.char, r.requires.count] : null));
  }

  private readonly requires: ([string, number] | null)[];

  /** False when a rule's `requires` precondition rules it out for this text. */
  private mayMatch(r: number, text: string): boolean {
    const q = this.requires[r];
    if (!q) return true;
    let n = 0;
    let i = text.indexOf(q[0]);
    while (i >= 0) {
      if (++n >= q[1]) return true;
      i = text.indexOf(q[0], i + 1);
    }
    return false;
  }

  /** True when there is nothing to apply. */
  get empty(): boolean {
    return this.regexes.length === 0;
  }

  /** The masked text only. Empty matches are ignored (they would insert placeholders between characters). */
  mask(text: string): string {
    let out = text;
    for (let r = 0; r < this.regexes.length; r++) {
      if (!this.mayMatch(r, out)) continue;
      const re = this.regexes[r]!;
      re.lastIndex = 0;
      let m = re.exec(out);
      if (m === null) continue;
      const ph = this.placeholders[r]!;
      let built = "";
      let last = 0;
      while (m !== null) {
        let s = m.index;
        let e = s + m[0].length;
        if (e === s) re.lastIndex = s + 1;
        if (this.keepWhitespace) {
          while (s < e && isWs(out.charCodeAt(s))) s++;
          while (e > s && isWs(out.charCodeAt(e - 1))) e--;
        }
        if (e > s) {
          built += out.slice(last, s) + ph;
          last = e;
        }
        m = re.exec(out);
      }
      out = built + out.slice(last);
    }
    return out;
  }

  /**
   * The masked text with the span of every placeholder and the original text behind it. When a
   * later rule's match covers earlier placeholders, they merge into one span over the union of
   * their originals; a match that cuts into a placeholder is widened to cover all of it.
   */
  maskWithSpans(text: string): MaskedText {
    const { text: out, flat } = this.maskFlat(text);
    const result: MaskSpan[] = new Array(flat.length / 4);
    for (let k = 0; k < flat.length; k += 4) result[k / 4] = { start: flat[k]!, end: flat[k + 1]!, origStart: flat[k + 2]!, origEnd: flat[k + 3]! };
    return { text: out, spans: result };
  }

  /**
   * {@link maskWithSpans} with the spans as one flat array `[start, end, origStart, origEnd, …]`
   * (the form the miner's hot path reads, without an object per span).
   */
  maskFlat(text: string): { text: string; flat: number[] } {
    // Hot path (every line): no closures, no objects per span.
    let out = text;
    let spans: number[] = [];
    const hits = this.hits;
    for (let r = 0; r < this.regexes.length; r++) {
      if (!this.mayMatch(r, out)) continue;
      const re = this.regexes[r]!;
      re.lastIndex = 0;
      let m = re.exec(out);
      if (m === null) continue;
      let nh = 0;
      const ns = spans.length;
      while (m !== null) {
        let s = m.index;
        let e = s + m[0].length;
        if (e === s) re.lastIndex = s + 1;
        if (this.keepWhitespace) {
          while (s < e && isWs(out.charCodeAt(s))) s++;
          while (e > s && isWs(out.charCodeAt(e - 1))) e--;
        }
        if (e > s) {
          // Widen to whole placeholders it touches.
          for (let j = 0; j < ns; j += 4) {
            if (spans[j]! < e && spans[j + 1]! > s) {
              if (spans[j]! < s) s = spans[j]!;
              if (spans[j + 1]! > e) e = spans[j + 1]!;
            }
          }
          if (nh > 0 && s < hits[nh - 1]!) {
            if (e > hits[nh - 1]!) hits[nh - 1] = e;
          } else {
            hits[nh++] = s;
            hits[nh++] = e;
          }
        }
        m = re.exec(out);
      }
      if (nh === 0) continue;
      const ph = this.placeholders[r]!;
      const next: number[] = [];
      let built = "";
      let cursor = 0; // in the current text
      let j = 0; // old span index (×4)
      let delta = 0; // original offset − current offset, valid outside spans, at the cursor
      for (let h = 0; h < nh; h += 2) {
        const s = hits[h]!;
        const e = hits[h + 1]!;
        // Old spans before s: shifted into the new text.
        while (j < ns && spans[j + 1]! <= s) {
          const shift = built.length + (spans[j]! - cursor);
          next.push(shift, shift + (spans[j + 1]! - spans[j]!), spans[j + 2]!, spans[j + 3]!);
          built += out.slice(cursor, spans[j + 1]!);
          cursor = spans[j + 1]!;
          delta = spans[j + 3]! - spans[j + 1]!;
          j += 4;
        }
        built += out.slice(cursor, s);
        const origStart = s + delta;
        // Old spans inside [s, e) are swallowed.
        while (j < ns && spans[j]! < e) {
          delta = spans[j + 3]! - spans[j + 1]!;
          j += 4;
        }
        const at = built.length;
        next.push(at, at + ph.length, origStart, e + delta);
        built += ph;
        cursor = e;
      }
      while (j < ns) {
        const shift = built.length + (spans[j]! - cursor);
        next.push(shift, shift + (spans[j + 1]! - spans[j]!), spans[j + 2]!, spans[j + 3]!);
        built += out.slice(cursor, spans[j + 1]!);
        cursor = spans[j + 1]!;
        j += 4;
      }
      out = built + out.slice(cursor);
      spans = next;
    }
    return { text: out, flat: spans };
  }

  /** Scratch for match positions (reused: the masker is not re-entrant). */
  private readonly hits: number[] = [];
}

/**
 * Original range for the range [start, end) of masked text, given its spans: text outside
 * placeholders maps one to one, a placeholder maps to the text it replaced (a range that cuts
 * into a placeholder takes all of it).
 */
export function originalRange(spans: readonly MaskSpan[], start: number, end: number): [number, number] {
  return [originalOffset(spans, start, true), originalOffset(spans, end, false)];
}

/**
 * {@link originalOffset} over flat spans `[start, end, origStart, origEnd, …]` (see {@link Masker.maskFlat}).
 */
export function originalOffsetFlat(flat: readonly number[], pos: number, atStart: boolean): number {
  let delta = 0;
  for (let k = 0; k < flat.length; k += 4) {
    const start = flat[k]!;
    const end = flat[k + 1]!;
    if (atStart ? pos < start : pos <= start) break;
    if (atStart ? pos < end : pos <= end) return atStart ? flat[k + 2]! : flat[k + 3]!;
    delta = flat[k + 3]! - end;
  }
  return pos + delta;
}

/**
 * Original offset of a masked-text position: `atStart` when the position starts a range (inside a
 * placeholder it maps to the start of the replaced text), else when it ends one (maps to its end).
 */
export function originalOffset(spans: readonly MaskSpan[], pos: number, atStart: boolean): number {
  let delta = 0;
  for (const sp of spans) {
    if (atStart ? pos < sp.start : pos <= sp.start) break;
    if (atStart ? pos < sp.end : pos <= sp.end) return atStart ? sp.origStart : sp.origEnd;
    delta = sp.origEnd - sp.end;
  }
  return pos + delta;
}
