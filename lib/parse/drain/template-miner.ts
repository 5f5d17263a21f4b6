import { Masker, originalOffsetFlat, type MaskingRule } from "../masking.js";
import { Tokenizer, type Tokens } from "../tokenize.js";
import { Drain, DEFAULT_DRAIN_OPTIONS, type ChangeType, type DrainOptions, type DrainSnapshot, type LogCluster, type MatchStrategy } from "./drain.js";
import { templateId } from "./template-id.js";
import { normalizeTemplateToken } from "./template-normalize.js";

/**
 * The template miner: masking + tokenizing + the Drain core, with parameter extraction, a
 * two-pass fit/assign, content-hash template ids and persistence (the façade of Drain3's
 * `TemplateMiner`, without implicit configuration files).
 *
 * Modes:
 * - `drain`: plain Drain as in logparser: templates are the clusters' token sequences (masks
 *   written as `<*>` or `<:NAME:>`). It reproduces logparser's published grouping accuracy on the
 *   16 LogHub systems and is kept for comparison.
 * - `loglab` (default): the same tree, plus four things Drain lacks (ideas from Brain, Yu et al.
 *   ICDE'23; Drain+; and the Loghub-2.0 study, Jiang et al. ISSTA'24):
 *   1. masks never swallow whitespace at their ends, so tokens stay apart;
 *   2. *frames*: a variable position keeps the text all its values share at both ends, taken
 *      from the original (unmasked) values, so `[Thunderbird_A8]` and `[Thunderbird_B1]` give
 *      `[<*>]`, `10.0.0.1,` and `10.0.0.2,` give `<*>,`, masked `core.2275` gives `core.<*>`;
 *   3. frequency-based splitting after the pass: a wildcard position that took only a few
 *      distinct digit-free words (at most {@link TemplateMinerConfig.splitMaxValues}) is treated
 *      as constant and its cluster split by those words (`Link ok` / `Link error`);
 *   4. templates normalised by the rules of Khan et al. (ICSE'22) used for the corrected LogHub
 *      ground truth (`blk_<*>` → `<*>`, numbers, hex, UUIDs → `<*>`, `<*>.<*>` → `<*>`); clusters whose
 *      templates normalise to the same text are one event (they share the content-hash id).
 *
 * Speed: the masked message is the key of a cache of token offsets and cluster; while the tree
 * has not changed since (an epoch counter), a repeated masked message skips tokenizing and the
 * tree search.
 */

/** Miner mode (see the module comment). */
export type MinerMode = "drain" | "loglab";

/** Settings of a {@link TemplateMiner} (defaults in {@link DEFAULT_MINER_CONFIG}). */
export interface TemplateMinerConfig {
  /** `loglab` (default) or `drain` (logparser's Drain output). */
  mode: MinerMode;
  /** Drain core settings (depth, simThreshold, maxChildren, maxClusters, …). */
  drain: Partial<DrainOptions>;
  /** Masking rules applied in order before tokenizing (default none). */
  masking: readonly MaskingRule[];
  /** Extra single-character token delimiters besides whitespace (Drain3 `extra_delimiters`; default none). */
  extraDelimiters: readonly string[];
  /** Masked messages remembered for the fast path (0 disables; default 50,000). */
  cacheSize: number;
  /** `loglab` mode: a wildcard with at most this many distinct digit-free words is split on them (0 disables; default 4). */
  splitMaxValues: number;
}

export const DEFAULT_MINER_CONFIG: Readonly<TemplateMinerConfig> = Object.freeze({
  mode: "loglab" as MinerMode,
  drain: {},
  masking: [],
  extraDelimiters: [],
  cacheSize: 50_000,
  splitMaxValues: 4,
});

/** A template as the miner reports it. */
export interface MinedTemplate {
  /** The Drain cluster's number. */
  clusterId: number;
  /** Content hash of `template`. */
  templateId: string;
  /** The template text (parameters as `<*>`, or `<:NAME:>` for named masks in `drain` mode). */
  template: string;
  /** Messages in the cluster. */
  size: number;
}

/** What {@link TemplateMiner.add} did. */
export interface AddResult {
  changeType: ChangeType;
  clusterId: number;
  templateId: string;
  template: string;
  /** Parameter values from the original message, one per placeholder of `template`, in order. */
  params: string[];
}

/** What {@link TemplateMiner.match} and {@link TemplateMiner.assign} return. */
export interface MatchResult {
  clusterId: number;
  templateId: string;
  template: string;
  params: string[];
}

/** How to get each token's parameters: 0 literal (params from mask spans inside), 1 whole token, 2 pattern. */
interface TokenPlan {
  kind: Uint8Array;
  /** For kind 2: the literal pieces between wildcards of the normalised token. */
  pieces: (string[] | null)[];
}

interface Derived {
  tokensRef: readonly string[];
  frameVersion: number;
  rulesVersion: number;
  template: string;
  templateId: string;
  plan: TokenPlan;
}

interface CacheEntry {
  cluster: LogCluster;
  epoch: number;
  toks: Tokens;
  /** Positions whose masked token holds a placeholder. */
  masked: Uint8Array;
  /** The cluster's derived template when last seen (checked against its version before use). */
  d: Derived | null;
}

/** Shared text at both ends of a position's original values. */
interface Frame {
  prefix: string;
  suffix: string;
  minLen: number;
  /** Prefix and suffix are empty (or a value had whitespace): nothing left to learn. */
  dead: boolean;
}

/** What `loglab` mode keeps per cluster. */
interface ClusterStats {
  /** The template version the arrays below are aligned with. */
  tokensRef: readonly string[];
  /** Per position: frame over original values (wildcards and masked tokens), else null. */
  frames: (Frame | null)[];
  /** Per wildcard position: masked-token counts while at most splitMaxValues digit-free values were seen. */
  values: (Map<string, number> | null)[];
  /** Per position: 1 when the position is a wildcard whose values can no longer qualify for a split. */
  many: Uint8Array;
  /** Per position: 1 when Drain turned a constant into a wildcard here (a masked `<*>` looks the same but is not). */
  wild: Uint8Array;
  /** Positions that still learn something (a live frame or tracked values); null = recompute. */
  active: number[] | null;
  frameVersion: number;
}

const NAMED_MASK = /<:[A-Za-z0-9_]+:>/g;
const EMPTY: number[] = [];
const PLACEHOLDER = /<\*>|<:[A-Za-z0-9_]+:>/g;

/**
 * `loglab` mode masks these shapes before the configured masks: a UUID or a MAC address is one
 * variable, whatever later masks (e.g. a bare `\d+`) would make of its pieces.
 */
export const SHAPE_MASKS: readonly MaskingRule[] = Object.freeze([
  { name: "*", pattern: "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", requires: { char: "-", count: 4 } },
  { name: "*", pattern: "(?<![0-9a-fA-F:])[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}(?![0-9a-fA-F:])", requires: { char: ":", count: 5 } },
]);

function validateConfig(given: Partial<TemplateMinerConfig>): TemplateMinerConfig {
  for (const k of Object.keys(given)) {
    if (!(k in DEFAULT_MINER_CONFIG)) throw new Error(`TemplateMiner: unknown setting "${k}" (known: ${Object.keys(DEFAULT_MINER_CONFIG).join(", ")})`);
  }
  const c: TemplateMinerConfig = { ...DEFAULT_MINER_CONFIG, ...given };
  if (c.mode !== "drain" && c.mode !== "loglab") throw new Error(`TemplateMiner: mode must be "drain" or "loglab", got "${c.mode}"`);
  if (!Number.isInteger(c.cacheSize) || c.cacheSize < 0) throw new Error(`TemplateMiner: cacheSize must be an integer ≥ 0, got ${c.cacheSize}`);
  if (!Number.isInteger(c.splitMaxValues) || c.splitMaxValues < 0) throw new Error(`TemplateMiner: splitMaxValues must be an integer ≥ 0, got ${c.splitMaxValues}`);
  return c;
}

function hasWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) return true;
  }
  return false;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

// Month and weekday names vary like numbers: a wildcard holding them is a date, not a few constants.
const CALENDAR = new Set(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]);

/** A value that may make its wildcard a split candidate: no digit, not a month or weekday name. */
function splittable(tok: string): boolean {
  if (hasDigit(tok)) return false;
  return !(tok.length >= 3 && CALENDAR.has(tok.slice(0, 3).toLowerCase()) && /^[A-Za-z]{3,9}\.?,?$/.test(tok) && isCalendarWord(tok));
}

function isCalendarWord(tok: string): boolean {
  const w = tok.replace(/[.,]$/, "").toLowerCase();
  return (
    w.length === 3 ||
    ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "sept"].includes(w)
  );
}

function newFrame(text: string): Frame {
  if (hasWhitespace(text)) return { prefix: "", suffix: "", minLen: 0, dead: true };
  return { prefix: text, suffix: text, minLen: text.length, dead: text.length === 0 };
}

/**
 * Narrows a frame to a new value; true when it changed. The prefix and suffix only ever shrink to
 * parts of the first value, which had no whitespace ({@link newFrame}), so they never hold any;
 * a later value with whitespace in its middle simply has it in its parameter.
 */
function updateFrame(f: Frame, text: string): boolean {
  if (f.dead) return false;
  const pre = f.prefix;
  const suf = f.suffix;
  let p = 0;
  const pl = Math.min(pre.length, text.length);
  while (p < pl && pre.charCodeAt(p) === text.charCodeAt(p)) p++;
  let q = 0;
  const sl = Math.min(suf.length, text.length);
  while (q < sl && suf.charCodeAt(suf.length - 1 - q) === text.charCodeAt(text.length - 1 - q)) q++;
  if (text.length < f.minLen) f.minLen = text.length;
  const changed = p !== pre.length || q !== suf.length;
  if (changed) {
    f.prefix = pre.slice(0, p);
    f.suffix = suf.slice(suf.length - q);
    if (p === 0 && q === 0) f.dead = true;
  }
  return changed;
}

function activePositions(st: ClusterStats): number[] {
  const out: number[] = [];
  for (let i = 0; i < st.frames.length; i++) {
    const f = st.frames[i];
    if ((f && !f.dead) || st.values[i]) out.push(i);
  }
  return out;
}

/** {@link updateFrame} for `text.slice(a, b)`, without making the slice (hot path). */
function updateFrameRange(f: Frame, text: string, a: number, b: number): boolean {
  const len = b - a;
  const pre = f.prefix;
  const suf = f.suffix;
  let p = 0;
  const pl = Math.min(pre.length, len);
  while (p < pl && pre.charCodeAt(p) === text.charCodeAt(a + p)) p++;
  let q = 0;
  const sl = Math.min(suf.length, len);
  while (q < sl && suf.charCodeAt(suf.length - 1 - q) === text.charCodeAt(b - 1 - q)) q++;
  if (p === pre.length && q === suf.length && len >= f.minLen) return false;
  return updateFrame(f, text.slice(a, b));
}

/** The template token a frame stands for: prefix, `<*>`, suffix (not overlapping the shortest value). */
function frameToken(f: Frame): string {
  const p = f.prefix.length;
  const q = Math.min(f.suffix.length, Math.max(0, f.minLen - p));
  return `${f.prefix}<*>${q > 0 ? f.suffix.slice(f.suffix.length - q) : ""}`;
}

/** Index of the first placeholder (`<*>` or `<:NAME:>`) in a masked token, or -1. */
function placeholderAt(tok: string): number {
  const a = tok.indexOf("<*>");
  const m = /<:[A-Za-z0-9_]+:>/.exec(tok);
  const b = m ? m.index : -1;
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/** A frame over unknown values that share a masked token's literal text around its placeholders. */
function literalFrame(masked: string): Frame {
  const first = placeholderAt(masked);
  const lastWild = Math.max(masked.lastIndexOf("<*>") + 3, masked.lastIndexOf(":>") + 2);
  const prefix = masked.slice(0, first);
  const suffix = masked.slice(lastWild);
  return { prefix, suffix, minLen: prefix.length + suffix.length, dead: prefix === "" && suffix === "" };
}

// Inside a mask's text, a shared keyword and delimiter (optionally followed by shared digits, which
// are dropped) is constant (`core.` of `core\.\d+`, `=` of `=\d+`); anything longer shared there
// (a host name all sample values happen to share) stays under the mask.
const MASK_HEAD = /^([A-Za-z]*[.=:_#-])\d*$/;

/** A masked constant token, keeping the keyword its values share at the start of the first mask. */
function maskedToken(raw: string, f: Frame): string {
  const at = placeholderAt(raw);
  if (at < 0 || f.prefix.length <= at) return raw;
  const m = MASK_HEAD.exec(f.prefix.slice(at));
  return m ? raw.slice(0, at) + m[1] + raw.slice(at) : raw;
}

/** Lazy, leftmost match of `pieces` (literals around wildcards) against `text`; the captures or null. */
function matchPieces(pieces: readonly string[], text: string): string[] | null {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return null;
  const out: string[] = [];
  return piecesFrom(pieces, text, 0, first.length, text.length - last.length, out) ? out : null;
}

/** Wildcard k (0-based) starts at pos and ends before piece k+1; backtracks over later occurrences. */
function piecesFrom(pieces: readonly string[], text: string, k: number, pos: number, end: number, out: string[]): boolean {
  if (k === pieces.length - 2) {
    if (pos > end) return false;
    out.push(text.slice(pos, end));
    return true;
  }
  const lit = pieces[k + 1]!;
  let at = text.indexOf(lit, pos);
  while (at >= 0 && at + lit.length <= end) {
    out.push(text.slice(pos, at));
    if (piecesFrom(pieces, text, k + 1, at + lit.length, end, out)) return true;
    out.pop();
    at = text.indexOf(lit, at + 1);
  }
  return false;
}

/**
 * Drain template miner.
 *
 * @example
 * const miner = new TemplateMiner({ drain: { depth: 4, simThreshold: 0.5 }, masking: [{ name: "*", pattern: "blk_-?\\d+" }] });
 * miner.add("Deleting block blk_123 file /a").template;  // "Deleting block <*> file <*>" (loglab mode)
 * miner.match("Deleting block blk_9 file /b")?.params;   // ["blk_9", "/b"]
 */
export class TemplateMiner {
  readonly config: Readonly<TemplateMinerConfig>;
  private readonly masker: Masker;
  private readonly tokenizer: Tokenizer;
  private drain: Drain;
  private readonly cache = new Map<string, CacheEntry>();
  /** Per cluster: derived templates keyed by split key ("" when not split). */
  private readonly derived = new Map<number, Map<string, Derived>>();
  private readonly stats = new Map<number, ClusterStats>();
  /** Split positions per cluster, computed by {@link finalize}. */
  private splitRules = new Map<number, number[]>();
  private rulesVersion = 0;
  private rulesStale = true;
  private readonly paramString: string;
  private readonly loglab: boolean;
  /** Fast-path statistics: lines served from the cache / added through the tree. */
  readonly cacheStats = { hits: 0, misses: 0 };

  constructor(config: Partial<TemplateMinerConfig> = {}) {
    this.config = Object.freeze(validateConfig(config));
    this.loglab = this.config.mode === "loglab";
    this.masker = new Masker(this.loglab ? [...SHAPE_MASKS, ...this.config.masking] : this.config.masking, { keepWhitespace: this.loglab });
    this.tokenizer = new Tokenizer(this.config.extraDelimiters);
    this.drain = new Drain(this.config.drain);
    this.drain.onEvict = (id) => this.forget(id);
    this.paramString = this.drain.options.paramString;
  }

  /** The Drain core's resolved options. */
  get drainOptions(): Readonly<DrainOptions> {
    return this.drain.options;
  }

  /** Number of clusters. */
  get clusterCount(): number {
    return this.drain.clusterCount;
  }

  private forget(id: number): void {
    this.stats.delete(id);
    this.splitRules.delete(id);
    this.derived.delete(id);
  }

  private mask(content: string): { text: string; flat: number[] } {
    if (this.masker.empty) return { text: content, flat: EMPTY };
    return this.masker.maskFlat(content);
  }

  private static maskedPositions(toks: Tokens, flat: readonly number[]): Uint8Array {
    const out = new Uint8Array(toks.tokens.length);
    if (flat.length === 0) return out;
    let k = 0;
    for (let i = 0; i < out.length; i++) {
      const s = toks.starts[i]!;
      const e = toks.ends[i]!;
      while (k < flat.length && flat[k + 1]! <= s) k += 4;
      if (k < flat.length && flat[k]! < e) out[i] = 1;
    }
    return out;
  }

  private originalToken(content: string, toks: Tokens, flat: readonly number[], i: number): string {
    if (flat.length === 0) return content.slice(toks.starts[i], toks.ends[i]);
    return content.slice(originalOffsetFlat(flat, toks.starts[i]!, true), originalOffsetFlat(flat, toks.ends[i]!, false));
  }

  /** `loglab` mode: keeps frames and value counts of the cluster in step with this message. */
  /** Returns the cluster's frame version after this message. */
  private observe(cluster: LogCluster, content: string, toks: Tokens, spans: readonly number[], masked: Uint8Array): number {
    const ps = this.paramString;
    const t = cluster.tokens;
    const n = t.length;
    const K = this.config.splitMaxValues;
    let st = this.stats.get(cluster.id);
    if (st === undefined) {
      // Masked tokens keep their mask (it says the whole span is variable), except that a
      // keyword-and-delimiter all values share at the start of the masked text is kept (see
      // maskedToken); their frames track the original text for that.
      const frames: (Frame | null)[] = new Array(n).fill(null);
      for (let i = 0; i < n; i++) if (masked[i]) frames[i] = newFrame(this.originalToken(content, toks, spans, i));
      st = { tokensRef: t, frames, values: new Array(n).fill(null), many: new Uint8Array(n), wild: new Uint8Array(n), frameVersion: 0, active: null };
      this.stats.set(cluster.id, st);
      this.rulesStale = true;
      return st.frameVersion;
    }
    if (st.tokensRef !== t) {
      // Positions that just became wildcards: every earlier message had the old constant token.
      const old = st.tokensRef;
      for (let i = 0; i < n; i++) {
        if (t[i] === ps && old[i] !== ps) {
          const o = old[i]!;
          st.wild[i] = 1;
          // The old constant's original text: itself, unless it held a mask (then no frame).
          st.frames[i] = placeholderAt(o) >= 0 ? literalFrame(o) : newFrame(o);
          if (K > 0 && splittable(o) && !o.includes("<")) st.values[i] = new Map([[o, cluster.size - 1]]);
          else st.many[i] = 1;
        }
      }
      st.tokensRef = t;
      st.frameVersion++;
      st.active = null;
    }
    if (st.active === null) st.active = activePositions(st);
    let frameChanged = false;
    let shrink = false;
    const active = st.active;
    for (let k = 0; k < active.length; k++) {
      const i = active[k]!;
      const f = st.frames[i];
      if (f && !f.dead) {
        const a = spans.length === 0 ? toks.starts[i]! : originalOffsetFlat(spans, toks.starts[i]!, true);
        const b = spans.length === 0 ? toks.ends[i]! : originalOffsetFlat(spans, toks.ends[i]!, false);
        if (updateFrameRange(f, content, a, b)) {
          frameChanged = true;
          if (f.dead) shrink = true;
        }
      }
      const v = st.values[i];
      if (v) {
        const tok = toks.tokens[i]!;
        const c = v.get(tok);
        if (c !== undefined) v.set(tok, c + 1);
        else if (v.size >= K || !splittable(tok) || masked[i]) {
          st.values[i] = null;
          st.many[i] = 1;
          shrink = true;
        } else v.set(tok, 1);
      }
    }
    if (shrink) st.active = null;
    if (frameChanged) st.frameVersion++;
    this.rulesStale = true;
    return st.frameVersion;
  }

  /**
   * Computes the post-pass split rules (`loglab` mode). Called by {@link assign}, {@link match}
   * and {@link templates} when messages were added since; call it yourself before timing.
   */
  finalize(): void {
    if (!this.rulesStale) return;
    this.rulesStale = false;
    const rules = new Map<number, number[]>();
    if (this.loglab && this.config.splitMaxValues > 0) {
      for (const [id, st] of this.stats) {
        const pos: number[] = [];
        for (let i = 0; i < st.values.length; i++) if (st.values[i] && st.values[i]!.size >= 2) pos.push(i);
        if (pos.length > 0) rules.set(id, pos);
      }
    }
    const same =
      rules.size === this.splitRules.size && [...rules].every(([id, pos]) => (this.splitRules.get(id) ?? []).join(",") === pos.join(","));
    if (!same) {
      this.splitRules = rules;
      this.rulesVersion++;
    }
  }

  /** Template, id and parameter plan of a cluster (or of one of its split parts, given the split key). */
  private derive(cluster: LogCluster, splitTokens: readonly string[] | null): Derived {
    const st = this.loglab ? this.stats.get(cluster.id) : undefined;
    const rule = splitTokens ? this.splitRules.get(cluster.id) : undefined;
    const key = rule ? rule.map((i) => splitTokens![i]).join("\u0000") : "";
    const frameVersion = st?.frameVersion ?? 0;
    let perCluster = this.derived.get(cluster.id);
    if (!perCluster) {
      perCluster = new Map();
      this.derived.set(cluster.id, perCluster);
    }
    const hit = perCluster.get(key);
    if (hit && hit.tokensRef === cluster.tokens && hit.frameVersion === frameVersion && (!rule || hit.rulesVersion === this.rulesVersion)) return hit;
    const raw = cluster.tokens;
    const ps = this.paramString;
    const n = raw.length;
    const kind = new Uint8Array(n);
    const pieces: (string[] | null)[] = new Array(n).fill(null);
    const out = new Array<string>(n);
    const split = new Set(rule ?? []);
    for (let i = 0; i < n; i++) {
      const r = raw[i]!;
      if (!this.loglab) {
        out[i] = r;
        kind[i] = r === ps ? 1 : 0;
        continue;
      }
      let base: string;
      if (split.has(i)) base = splitTokens![i]!;
      else {
        const f = st?.frames[i] ?? null;
        if (st?.wild[i]) base = f !== null ? frameToken(f) : r;
        else base = f !== null ? maskedToken(r, f) : r;
      }
      const plain = base.includes("<:") ? base.replace(NAMED_MASK, "<*>") : base;
      const tok = normalizeTemplateToken(plain, { shapes: true });
      out[i] = tok;
      if (tok === "<*>") kind[i] = 1;
      else if (tok === r || !tok.includes("<*>")) kind[i] = 0;
      else {
        kind[i] = 2;
        pieces[i] = tok.split("<*>");
      }
    }
    const template = out.join(" ");
    const d: Derived = { tokensRef: raw, frameVersion, rulesVersion: this.rulesVersion, template, templateId: templateId(template), plan: { kind, pieces } };
    perCluster.set(key, d);
    return d;
  }

  /** Parameters of one message, given its tokens, mask spans and the template's plan. */
  private params(content: string, toks: Tokens, spans: readonly number[], plan: TokenPlan): string[] {
    const out: string[] = [];
    const { kind, pieces } = plan;
    const { starts, ends } = toks;
    const noSpans = spans.length === 0;
    for (let i = 0; i < kind.length; i++) {
      const k = kind[i]!;
      if (k === 1) out.push(this.originalToken(content, toks, spans, i));
      else if (k === 0) {
        // Every placeholder in the token is a parameter: a mask's original text, or the
        // placeholder itself when the message held that text literally.
        const t = toks.tokens[i]!;
        if (t.indexOf("<") < 0) continue;
        const s = starts[i]!;
        PLACEHOLDER.lastIndex = 0;
        let m = PLACEHOLDER.exec(t);
        while (m !== null) {
          const at = s + m.index;
          let orig: string | null = null;
          if (!noSpans) {
            for (let q = 0; q < spans.length; q += 4) {
              if (spans[q] === at) {
                orig = content.slice(spans[q + 2], spans[q + 3]);
                break;
              }
              if (spans[q]! > at) break;
            }
          }
          out.push(orig ?? m[0]);
          m = PLACEHOLDER.exec(t);
        }
      } else {
        const text = this.originalToken(content, toks, spans, i);
        const p = pieces[i]!;
        const got = matchPieces(p, text);
        if (got) out.push(...got);
        else {
          // The normalised token does not fit this message's text (it was not among the
          // messages the template was learnt from): the first wildcard takes the whole token.
          out.push(text);
          for (let j = 2; j < p.length; j++) out.push("");
        }
      }
    }
    return out;
  }

  /**
   * Adds one message (the content after the header): updates the clusters and returns the
   * cluster's template at this moment, with the message's parameters.
   */
  add(content: string): AddResult {
    const masked = this.mask(content);
    const key = masked.text;
    const entry = this.config.cacheSize > 0 ? this.cache.get(key) : undefined;
    let cluster: LogCluster;
    let changeType: ChangeType;
    let toks: Tokens;
    let maskedPos: Uint8Array;
    if (entry !== undefined && entry.epoch === this.drain.epoch) {
      this.drain.addHit(entry.cluster);
      cluster = entry.cluster;
      changeType = "none";
      toks = entry.toks;
      maskedPos = entry.masked;
      this.cacheStats.hits++;
    } else {
      toks = entry?.toks ?? this.tokenizer.split(masked.text);
      maskedPos = entry?.masked ?? TemplateMiner.maskedPositions(toks, masked.flat);
      const r = this.drain.add(toks.tokens);
      cluster = r.cluster;
      changeType = r.changeType;
      this.cacheStats.misses++;
      if (this.config.cacheSize > 0) {
        if (entry === undefined && this.cache.size >= this.config.cacheSize) this.cache.clear();
        this.cache.set(key, { cluster, epoch: this.drain.epoch, toks, masked: maskedPos, d: null });
      }
    }
    const frameVersion = this.loglab ? this.observe(cluster, content, toks, masked.flat, maskedPos) : 0;
    let d = entry !== undefined && entry.cluster === cluster ? entry.d : null;
    if (d === null || d.tokensRef !== cluster.tokens || d.frameVersion !== frameVersion) {
      d = this.derive(cluster, null);
      const e = this.cache.get(key);
      if (e !== undefined && e.cluster === cluster) e.d = d;
    }
    return { changeType, clusterId: cluster.id, templateId: d.templateId, template: d.template, params: this.params(content, toks, masked.flat, d.plan) };
  }

  private resultFor(cluster: LogCluster, content: string, toks: Tokens, spans: readonly number[]): MatchResult {
    this.finalize();
    const d = this.derive(cluster, this.splitRules.has(cluster.id) ? toks.tokens : null);
    return { clusterId: cluster.id, templateId: d.templateId, template: d.template, params: this.params(content, toks, spans, d.plan) };
  }

  /**
   * The cluster whose template covers the message, without changing any cluster (no counts, no
   * new clusters, no cache writes). `strategy` as Drain3's `full_search_strategy`. In `loglab`
   * mode the template is the final one (frames, splits, normalisation).
   */
  match(content: string, strategy: MatchStrategy = "never"): MatchResult | null {
    const masked = this.mask(content);
    const toks = this.tokenizer.split(masked.text);
    const c = this.drain.match(toks.tokens, strategy);
    return c === null ? null : this.resultFor(c, content, toks, masked.flat);
  }

  /**
   * A message's final template and parameters in a given cluster: the second pass of
   * {@link fit}-then-assign, so that early lines get their cluster's final template.
   */
  assign(content: string, clusterId: number): MatchResult {
    const c = this.drain.cluster(clusterId);
    if (!c) throw new Error(`TemplateMiner.assign: no cluster ${clusterId} (evicted by maxClusters, or never created)`);
    const masked = this.mask(content);
    const toks = this.tokenizer.split(masked.text);
    if (toks.tokens.length !== c.tokens.length) {
      throw new Error(`TemplateMiner.assign: the message has ${toks.tokens.length} tokens, cluster ${clusterId} has ${c.tokens.length}`);
    }
    return this.resultFor(c, content, toks, masked.flat);
  }

  /** First pass: adds every message and returns each one's cluster id (pass them to {@link assign}). */
  fit(contents: Iterable<string>): Int32Array {
    const ids: number[] = [];
    for (const c of contents) ids.push(this.add(c).clusterId);
    return Int32Array.from(ids);
  }

  /** A cluster's template now (before any split; undefined if it does not exist). */
  template(clusterId: number): MinedTemplate | undefined {
    const c = this.drain.cluster(clusterId);
    if (!c) return undefined;
    const d = this.derive(c, null);
    return { clusterId: c.id, templateId: d.templateId, template: d.template, size: c.size };
  }

  /**
   * Every cluster's template, in creation order (before `loglab` splits, which are per message;
   * count final templates from assigned messages with `countTemplates`).
   */
  templates(): MinedTemplate[] {
    return this.drain.clusters().map((c) => {
      const d = this.derive(c, null);
      return { clusterId: c.id, templateId: d.templateId, template: d.template, size: c.size };
    });
  }

  /** The whole state as plain data (see {@link MinerState}). */
  toState(): MinerState {
    const stats: MinerState["stats"] = [];
    for (const [id, st] of [...this.stats].sort((a, b) => a[0] - b[0])) {
      stats.push({
        id,
        frames: st.frames.map((f) => (f ? [f.prefix, f.suffix, f.minLen, f.dead ? 1 : 0] : null)),
        values: st.values.map((v) => (v ? [...v] : null)),
        many: [...st.many],
        wild: [...st.wild],
      });
    }
    return {
      format: MINER_STATE_FORMAT,
      version: MINER_STATE_VERSION,
      config: {
        mode: this.config.mode,
        masking: this.config.masking.map((r) => ({ ...r })),
        extraDelimiters: [...this.config.extraDelimiters],
        cacheSize: this.config.cacheSize,
        splitMaxValues: this.config.splitMaxValues,
      },
      drain: this.drain.toJSON(),
      stats,
    };
  }

  /** A miner restored from {@link toState}'s output (validated; errors say what is wrong). */
  static fromState(state: MinerState): TemplateMiner {
    checkState(state);
    const m = new TemplateMiner({ ...state.config, drain: state.drain.options });
    m.drain = Drain.fromJSON(state.drain);
    m.drain.onEvict = (id) => m.forget(id);
    for (const s of state.stats) {
      const c = m.drain.cluster(s.id);
      if (!c) throw new Error(`Drain state: statistics for unknown cluster ${s.id}`);
      if (s.frames.length !== c.tokens.length || s.values.length !== c.tokens.length || s.many.length !== c.tokens.length || s.wild.length !== c.tokens.length) {
        throw new Error(`Drain state: statistics of cluster ${s.id} do not match its ${c.tokens.length} tokens`);
      }
      m.stats.set(s.id, {
        tokensRef: c.tokens,
        frames: s.frames.map((f) => (f ? { prefix: f[0], suffix: f[1], minLen: f[2], dead: f[3] === 1 } : null)),
        values: s.values.map((v) => (v ? new Map(v) : null)),
        many: Uint8Array.from(s.many),
        wild: Uint8Array.from(s.wild),
        frameVersion: 0,
        active: null,
      });
    }
    return m;
  }
}

/** `format` field of a saved miner state. */
export const MINER_STATE_FORMAT = "loglab.drain-state";
/** The state version this code writes and reads. */
export const MINER_STATE_VERSION = 1;

/** A saved miner: versioned JSON holding the configuration, the whole Drain tree and the per-cluster statistics. */
export interface MinerState {
  format: typeof MINER_STATE_FORMAT;
  version: number;
  config: { mode: MinerMode; masking: MaskingRule[]; extraDelimiters: string[]; cacheSize: number; splitMaxValues: number };
  drain: DrainSnapshot;
  /** `loglab` mode: per cluster and position, frames ([prefix, suffix, minLen, dead]), wildcard value counts, flags. */
  stats: { id: number; frames: ([string, string, number, number] | null)[]; values: ([string, number][] | null)[]; many: number[]; wild: number[] }[];
}

function checkState(state: unknown): asserts state is MinerState {
  const s = state as Partial<MinerState> | null;
  if (s === null || typeof s !== "object" || Array.isArray(s)) throw new Error("not a loglab Drain state (expected a JSON object)");
  if (s.format !== MINER_STATE_FORMAT) throw new Error(`not a loglab Drain state (format is ${JSON.stringify(s.format)}, expected "${MINER_STATE_FORMAT}")`);
  if (s.version !== MINER_STATE_VERSION) throw new Error(`unsupported Drain state version ${JSON.stringify(s.version)} (this loglab reads version ${MINER_STATE_VERSION})`);
  if (!s.config || typeof s.config !== "object") throw new Error("Drain state has no config");
  if (!s.drain || typeof s.drain !== "object" || !Array.isArray(s.drain.clusters) || !Array.isArray(s.drain.tree)) throw new Error("Drain state has no drain tree");
  if (!Array.isArray(s.stats)) throw new Error("Drain state has no per-cluster statistics");
  for (const k of Object.keys(DEFAULT_DRAIN_OPTIONS)) {
    if (!(k in (s.drain.options ?? {}))) throw new Error(`Drain state: drain options lack "${k}"`);
  }
}
