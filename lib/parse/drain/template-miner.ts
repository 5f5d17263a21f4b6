import { Masker, originalRange, type MaskSpan, type MaskingRule } from "../masking.js";
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
 * - `drain`: plain Drain as in logparser (templates are the clusters' token sequences, masks
 *   written as `<*>` or `<:NAME:>`), kept for comparison with published numbers;
 * - `loglab`: the same tree, then each template is normalised by the rules of Khan et al.
 *   (ICSE'22) that Loghub-2.0 uses (`blk_<*>` → `<*>`, numbers → `<*>`, `<*>.<*>` → `<*>`, …),
 *   named masks become `<*>`, and clusters whose templates normalise to the same text are one
 *   event (they share the content-hash id). See docs in {@link TemplateMinerConfig}.
 *
 * Speed: the masked message is the key of a cache of token offsets and cluster; while the tree
 * has not changed since (an epoch counter), a repeated masked message skips tokenizing and the
 * tree search entirely.
 */

/** Miner mode (see the module comment). */
export type MinerMode = "drain" | "loglab";

/** Settings of a {@link TemplateMiner} (defaults in {@link DEFAULT_MINER_CONFIG}). */
export interface TemplateMinerConfig {
  /** `loglab` (normalised templates, default) or `drain` (logparser's Drain output). */
  mode: MinerMode;
  /** Drain core settings (depth, simThreshold, maxChildren, maxClusters, …). */
  drain: Partial<DrainOptions>;
  /** Masking rules applied in order before tokenizing (default none). */
  masking: readonly MaskingRule[];
  /** Extra single-character token delimiters besides whitespace (Drain3 `extra_delimiters`; default none). */
  extraDelimiters: readonly string[];
  /** Masked messages remembered for the fast path (0 disables; default 50,000). */
  cacheSize: number;
}

export const DEFAULT_MINER_CONFIG: Readonly<TemplateMinerConfig> = Object.freeze({
  mode: "loglab" as MinerMode,
  drain: {},
  masking: [],
  extraDelimiters: [],
  cacheSize: 50_000,
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

/** What {@link TemplateMiner.match} found. */
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
  template: string;
  templateId: string;
  plan: TokenPlan;
}

interface CacheEntry {
  cluster: LogCluster;
  epoch: number;
  toks: Tokens;
}

const NAMED_MASK = /<:[A-Za-z0-9_]+:>/g;

function validateConfig(given: Partial<TemplateMinerConfig>): TemplateMinerConfig {
  for (const k of Object.keys(given)) {
    if (!(k in DEFAULT_MINER_CONFIG)) throw new Error(`TemplateMiner: unknown setting "${k}" (known: ${Object.keys(DEFAULT_MINER_CONFIG).join(", ")})`);
  }
  const c: TemplateMinerConfig = { ...DEFAULT_MINER_CONFIG, ...given };
  if (c.mode !== "drain" && c.mode !== "loglab") throw new Error(`TemplateMiner: mode must be "drain" or "loglab", got "${c.mode}"`);
  if (!Number.isInteger(c.cacheSize) || c.cacheSize < 0) throw new Error(`TemplateMiner: cacheSize must be an integer ≥ 0, got ${c.cacheSize}`);
  return c;
}

/** Splits a normalised token at `<*>`: literal pieces around the wildcards. */
function piecesOf(token: string): string[] {
  return token.split("<*>");
}

/** Lazy, leftmost match of `pieces` (literals around wildcards) against `text`; the captures or null. */
function matchPieces(pieces: readonly string[], text: string): string[] | null {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return null;
  const end = text.length - last.length;
  const out: string[] = [];
  const go = (k: number, pos: number): boolean => {
    // Wildcard k (0-based) starts at pos and ends before piece k+1.
    if (k === pieces.length - 2) {
      if (pos > end) return false;
      out.push(text.slice(pos, end));
      return true;
    }
    const lit = pieces[k + 1]!;
    let at = text.indexOf(lit, pos);
    while (at >= 0 && at + lit.length <= end) {
      out.push(text.slice(pos, at));
      if (go(k + 1, at + lit.length)) return true;
      out.pop();
      at = text.indexOf(lit, at + 1);
    }
    return false;
  };
  return go(0, first.length) ? out : null;
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
  private readonly derived = new Map<number, Derived>();
  private readonly paramString: string;
  /** Fast-path statistics: lines served from the cache / added through the tree. */
  readonly cacheStats = { hits: 0, misses: 0 };

  constructor(config: Partial<TemplateMinerConfig> = {}) {
    this.config = Object.freeze(validateConfig(config));
    this.masker = new Masker(this.config.masking);
    this.tokenizer = new Tokenizer(this.config.extraDelimiters);
    this.drain = new Drain(this.config.drain);
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

  private mask(content: string): { text: string; spans: MaskSpan[] } {
    if (this.masker.empty) return { text: content, spans: [] };
    return this.masker.maskWithSpans(content);
  }

  /** Template, id and parameter plan of a cluster's current template (cached per template version). */
  private derive(cluster: LogCluster): Derived {
    const hit = this.derived.get(cluster.id);
    if (hit && hit.tokensRef === cluster.tokens) return hit;
    const raw = cluster.tokens;
    const ps = this.paramString;
    const n = raw.length;
    const kind = new Uint8Array(n);
    const pieces: (string[] | null)[] = new Array(n).fill(null);
    let out: string[];
    if (this.config.mode === "drain") {
      out = raw.slice();
      for (let i = 0; i < n; i++) kind[i] = raw[i] === ps ? 1 : 0;
    } else {
      out = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const r = raw[i]!;
        if (r === ps) {
          out[i] = "<*>";
          kind[i] = 1;
          continue;
        }
        const plain = r.includes("<:") ? r.replace(NAMED_MASK, "<*>") : r;
        const f = normalizeTemplateToken(plain);
        out[i] = f;
        if (f === "<*>") kind[i] = 1;
        else if (f === plain) kind[i] = 0;
        else {
          kind[i] = 2;
          pieces[i] = piecesOf(f);
        }
      }
    }
    const template = out.join(" ");
    const d: Derived = { tokensRef: cluster.tokens, template, templateId: templateId(template), plan: { kind, pieces } };
    this.derived.set(cluster.id, d);
    return d;
  }

  /** Parameters of one message, given its tokens, mask spans and the template's plan. */
  private params(content: string, toks: Tokens, spans: readonly MaskSpan[], plan: TokenPlan): string[] {
    const out: string[] = [];
    const { kind, pieces } = plan;
    const { starts, ends } = toks;
    const noSpans = spans.length === 0;
    for (let i = 0; i < kind.length; i++) {
      const k = kind[i]!;
      if (k === 1) {
        if (noSpans) out.push(content.slice(starts[i], ends[i]));
        else {
          const [a, b] = originalRange(spans, starts[i]!, ends[i]!);
          out.push(content.slice(a, b));
        }
      } else if (k === 0) {
        if (noSpans) continue;
        const s = starts[i]!;
        const e = ends[i]!;
        for (const sp of spans) {
          if (sp.start >= e) break;
          if (sp.end > s) out.push(content.slice(sp.origStart, sp.origEnd));
        }
      } else {
        let text: string;
        if (noSpans) text = content.slice(starts[i], ends[i]);
        else {
          const [a, b] = originalRange(spans, starts[i]!, ends[i]!);
          text = content.slice(a, b);
        }
        const p = pieces[i]!;
        const got = matchPieces(p, text);
        if (got) out.push(...got);
        else {
          // The normalised token does not fit the original text (a mask changed its shape):
          // give the whole token to the first wildcard so the count still matches.
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
    if (entry !== undefined && entry.epoch === this.drain.epoch) {
      this.drain.addHit(entry.cluster);
      cluster = entry.cluster;
      changeType = "none";
      toks = entry.toks;
      this.cacheStats.hits++;
    } else {
      toks = entry?.toks ?? this.tokenizer.split(masked.text);
      const r = this.drain.add(toks.tokens);
      cluster = r.cluster;
      changeType = r.changeType;
      this.cacheStats.misses++;
      if (this.config.cacheSize > 0) {
        if (entry === undefined && this.cache.size >= this.config.cacheSize) this.cache.clear();
        this.cache.set(key, { cluster, epoch: this.drain.epoch, toks });
      }
    }
    const d = this.derive(cluster);
    return { changeType, clusterId: cluster.id, templateId: d.templateId, template: d.template, params: this.params(content, toks, masked.spans, d.plan) };
  }

  /**
   * The cluster whose template covers the message, without changing any state (no counts, no
   * new clusters, no cache writes). `strategy` as Drain3's `full_search_strategy`.
   */
  match(content: string, strategy: MatchStrategy = "never"): MatchResult | null {
    const masked = this.mask(content);
    const toks = this.tokenizer.split(masked.text);
    const c = this.drain.match(toks.tokens, strategy);
    if (c === null) return null;
    const d = this.derive(c);
    return { clusterId: c.id, templateId: d.templateId, template: d.template, params: this.params(content, toks, masked.spans, d.plan) };
  }

  /**
   * A message's template and parameters under a given cluster's *current* template: the second
   * pass of {@link fit}-then-assign, so that early lines get their cluster's final template.
   */
  assign(content: string, clusterId: number): MatchResult {
    const c = this.drain.cluster(clusterId);
    if (!c) throw new Error(`TemplateMiner.assign: no cluster ${clusterId} (evicted by maxClusters, or never created)`);
    const masked = this.mask(content);
    const toks = this.tokenizer.split(masked.text);
    if (toks.tokens.length !== c.tokens.length) {
      throw new Error(`TemplateMiner.assign: the message has ${toks.tokens.length} tokens, cluster ${clusterId} has ${c.tokens.length}`);
    }
    const d = this.derive(c);
    return { clusterId: c.id, templateId: d.templateId, template: d.template, params: this.params(content, toks, masked.spans, d.plan) };
  }

  /** First pass: adds every message and returns each one's cluster id (pass them to {@link assign}). */
  fit(contents: Iterable<string>): Int32Array {
    const ids: number[] = [];
    for (const c of contents) ids.push(this.add(c).clusterId);
    return Int32Array.from(ids);
  }

  /** The template of a cluster now (undefined if it does not exist). */
  template(clusterId: number): MinedTemplate | undefined {
    const c = this.drain.cluster(clusterId);
    if (!c) return undefined;
    const d = this.derive(c);
    return { clusterId: c.id, templateId: d.templateId, template: d.template, size: c.size };
  }

  /** Every cluster's template, in creation order. Clusters sharing a template text share its id. */
  templates(): MinedTemplate[] {
    return this.drain.clusters().map((c) => {
      const d = this.derive(c);
      return { clusterId: c.id, templateId: d.templateId, template: d.template, size: c.size };
    });
  }

  /** The whole state as plain data (see {@link MinerState}). */
  toState(): MinerState {
    return {
      format: MINER_STATE_FORMAT,
      version: MINER_STATE_VERSION,
      config: { mode: this.config.mode, masking: this.config.masking.map((r) => ({ ...r })), extraDelimiters: [...this.config.extraDelimiters], cacheSize: this.config.cacheSize },
      drain: this.drain.toJSON(),
    };
  }

  /** A miner restored from {@link toState}'s output (validated; errors say what is wrong). */
  static fromState(state: MinerState): TemplateMiner {
    checkState(state);
    const m = new TemplateMiner({ ...state.config, drain: state.drain.options });
    m.drain = Drain.fromJSON(state.drain);
    return m;
  }
}

/** `format` field of a saved miner state. */
export const MINER_STATE_FORMAT = "loglab.drain-state";
/** The state version this code writes and reads. */
export const MINER_STATE_VERSION = 1;

/** A saved miner: versioned JSON holding the configuration and the whole Drain tree. */
export interface MinerState {
  format: typeof MINER_STATE_FORMAT;
  version: number;
  config: { mode: MinerMode; masking: MaskingRule[]; extraDelimiters: string[]; cacheSize: number };
  drain: DrainSnapshot;
}

function checkState(state: unknown): asserts state is MinerState {
  const s = state as Partial<MinerState> | null;
  if (s === null || typeof s !== "object" || Array.isArray(s)) throw new Error("not a loglab Drain state (expected a JSON object)");
  if (s.format !== MINER_STATE_FORMAT) throw new Error(`not a loglab Drain state (format is ${JSON.stringify(s.format)}, expected "${MINER_STATE_FORMAT}")`);
  if (s.version !== MINER_STATE_VERSION) throw new Error(`unsupported Drain state version ${JSON.stringify(s.version)} (this loglab reads version ${MINER_STATE_VERSION})`);
  if (!s.config || typeof s.config !== "object") throw new Error("Drain state has no config");
  if (!s.drain || typeof s.drain !== "object" || !Array.isArray(s.drain.clusters) || !Array.isArray(s.drain.tree)) throw new Error("Drain state has no drain tree");
  for (const k of Object.keys(DEFAULT_DRAIN_OPTIONS)) {
    if (!(k in (s.drain.options ?? {}))) throw new Error(`Drain state: drain options lack "${k}"`);
  }
}
