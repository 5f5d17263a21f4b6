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

function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Named masks in the spirit of Drain3's example configuration: applied in this order. */
export const DEFAULT_MASKING_RULES: readonly MaskingRule[] = [
  { name: "UUID", pattern: "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b" },
  { name: "IP", pattern: "(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?(?![\\w.])" },
  { name: "HEX", pattern: "(?<![\\w])0[xX][0-9a-fA-F]+\\b" },
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
        return new RegExp(r.pattern, `${flags}g`);
      } catch (err) {
        throw new Error(`masking rule ${i + 1} (${r.name}): invalid pattern /${r.pattern}/: ${(err as Error).message}`);
      }
    });
    this.placeholders = rules.map((r) => maskPlaceholder(r.name));
  }

  /** True when there is nothing to apply. */
  get empty(): boolean {
    return this.regexes.length === 0;
  }

  /** The masked text only. Empty matches are ignored (they would insert placeholders between characters). */
  mask(text: string): string {
    let out = text;
    for (let r = 0; r < this.regexes.length; r++) {
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
    let out = text;
    // The current text as contiguous segments: literal runs (1:1 with the original) and placeholders.
    let segs: Segment[] = text.length > 0 ? [{ start: 0, end: text.length, origStart: 0, origEnd: text.length, ph: false }] : [];
    for (let r = 0; r < this.regexes.length; r++) {
      const re = this.regexes[r]!;
      re.lastIndex = 0;
      let m = re.exec(out);
      if (m === null) continue;
      const hits: [number, number][] = [];
      while (m !== null) {
        let s = m.index;
        let e = s + m[0].length;
        if (e === s) re.lastIndex = s + 1;
        if (this.keepWhitespace) {
          while (s < e && isWs(out.charCodeAt(s))) s++;
          while (e > s && isWs(out.charCodeAt(e - 1))) e--;
        }
        if (e > s) {
          for (const sg of segs) {
            if (sg.ph && sg.start < e && sg.end > s) {
              if (sg.start < s) s = sg.start;
              if (sg.end > e) e = sg.end;
            }
          }
          const prev = hits[hits.length - 1];
          if (prev && s < prev[1]) prev[1] = Math.max(prev[1], e);
          else hits.push([s, e]);
        }
        m = re.exec(out);
      }
      if (hits.length === 0) continue;
      const ph = this.placeholders[r]!;
      const next: Segment[] = [];
      let built = "";
      const copy = (a: number, b: number): void => {
        for (const sg of segs) {
          if (sg.end <= a || sg.start >= b) continue;
          const s = Math.max(a, sg.start);
          const e = Math.min(b, sg.end);
          const at = built.length;
          built += out.slice(s, e);
          next.push(sg.ph ? { ...sg, start: at, end: at + (e - s) } : { start: at, end: at + (e - s), origStart: sg.origStart + (s - sg.start), origEnd: sg.origStart + (e - sg.start), ph: false });
        }
      };
      let cursor = 0;
      for (const [s, e] of hits) {
        copy(cursor, s);
        const at = built.length;
        built += ph;
        next.push({ start: at, end: at + ph.length, origStart: origAt(segs, s, true), origEnd: origAt(segs, e, false), ph: true });
        cursor = e;
      }
      copy(cursor, out.length);
      out = built;
      segs = next;
    }
    const spans: MaskSpan[] = [];
    for (const sg of segs) if (sg.ph) spans.push({ start: sg.start, end: sg.end, origStart: sg.origStart, origEnd: sg.origEnd });
    return { text: out, spans };
  }
}

interface Segment {
  start: number;
  end: number;
  origStart: number;
  origEnd: number;
  ph: boolean;
}

/** Original offset of a position of the current text (`atStart`: the position starts a range, else ends one). */
function origAt(segs: readonly Segment[], pos: number, atStart: boolean): number {
  for (const sg of segs) {
    if (atStart ? pos >= sg.start && pos < sg.end : pos > sg.start && pos <= sg.end) {
      if (sg.ph) return atStart ? sg.origStart : sg.origEnd;
      return sg.origStart + (pos - sg.start);
    }
  }
  // Empty text or the very end.
  const last = segs[segs.length - 1];
  return last ? last.origEnd : 0;
}

/**
 * Original range for the range [start, end) of masked text, given its spans: text outside
 * placeholders maps one to one, a placeholder maps to the text it replaced (a range that cuts
 * into a placeholder takes all of it).
 */
export function originalRange(spans: readonly MaskSpan[], start: number, end: number): [number, number] {
  return [mapMasked(spans, start, true), mapMasked(spans, end, false)];
}

function mapMasked(spans: readonly MaskSpan[], pos: number, atStart: boolean): number {
  let delta = 0;
  for (const sp of spans) {
    if (atStart ? pos < sp.start : pos <= sp.start) break;
    if (atStart ? pos < sp.end : pos <= sp.end) return atStart ? sp.origStart : sp.origEnd;
    delta = sp.origEnd - sp.end;
  }
  return pos + delta;
}
