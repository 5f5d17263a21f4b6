import { ownString } from "../../runtime/own-string.js";
import { Masker, type MaskingRule } from "../masking.js";
import { Tokenizer, type Tokens } from "../tokenize.js";
import { Drain, DEFAULT_DRAIN_OPTIONS, type ChangeType, type DrainOptions, type DrainSnapshot, type LogCluster, type MatchStrategy } from "./drain.js";
import { LoglabRefinement } from "./loglab-refinement.js";
import { originalTokenText } from "./original-token.js";
import { templateId } from "./template-id.js";
import type { RefinementClusterState, TemplateRefinement } from "./template-refinement.js";

/**
 * The template miner façade: masking + tokenizing + the Drain core, with parameter extraction, a
 * two-pass fit/assign, content-hash template ids and persistence (Drain3's `TemplateMiner`,
 * without implicit configuration files). What a mode adds on top of Drain is a
 * {@link TemplateRefinement} (as Drain3 keeps `Drain` and `JaccardDrain` on one base):
 * - `drain`: plain Drain as in logparser, no refinement: templates are the clusters' token
 *   sequences (masks written as `<*>` or `<:NAME:>`). It reproduces logparser's published
 *   grouping accuracy on the 16 LogHub systems and is kept for comparison.
 * - `loglab` (default): {@link LoglabRefinement}: frames, few-valued wildcard splits and the
 *   corrected ground truth's normalisation (see loglab-refinement.ts).
 *
 * Speed: the masked message is the key of a cache of token offsets and cluster; while the tree
 * has not changed since (an epoch counter), a repeated masked message skips tokenizing and the
 * tree search.
 */

/** Miner mode (see the module comment). */
export type MinerMode = "drain" | "loglab";

/** Settings of a {@link TemplateMiner} (defaults in {@link DEFAULT_MINER_CONFIG}). */
export interface TemplateMinerConfig {
  /** `loglab` (default) or `drain` (logparser's Drain output); see {@link MINER_REFINEMENTS}. */
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
  /** The refinement's version of the cluster when this was derived. */
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

/**
 * The refinement of each miner mode (null: none, plain Drain). A new mode adds its name to
 * {@link MinerMode} and its factory here.
 */
export const MINER_REFINEMENTS: Readonly<Record<MinerMode, ((config: TemplateMinerConfig, drain: Readonly<DrainOptions>) => TemplateRefinement) | null>> = Object.freeze({
  drain: null,
  loglab: (config: TemplateMinerConfig, drain: Readonly<DrainOptions>) => new LoglabRefinement({ splitMaxValues: config.splitMaxValues, paramString: drain.paramString }),
});

const EMPTY: number[] = [];
const PLACEHOLDER = /<\*>|<:[A-Za-z0-9_]+:>/g;

function validateConfig(given: Partial<TemplateMinerConfig>): TemplateMinerConfig {
  for (const k of Object.keys(given)) {
    if (!(k in DEFAULT_MINER_CONFIG)) throw new Error(`TemplateMiner: unknown setting "${k}" (known: ${Object.keys(DEFAULT_MINER_CONFIG).join(", ")})`);
  }
  const c: TemplateMinerConfig = { ...DEFAULT_MINER_CONFIG, ...given };
  if (!Object.prototype.hasOwnProperty.call(MINER_REFINEMENTS, c.mode)) throw new Error(`TemplateMiner: mode must be one of ${Object.keys(MINER_REFINEMENTS).map((m) => `"${m}"`).join(", ")}, got "${c.mode}"`);
  if (!Number.isInteger(c.cacheSize) || c.cacheSize < 0) throw new Error(`TemplateMiner: cacheSize must be an integer ≥ 0, got ${c.cacheSize}`);
  if (!Number.isInteger(c.splitMaxValues) || c.splitMaxValues < 0) throw new Error(`TemplateMiner: splitMaxValues must be an integer ≥ 0, got ${c.splitMaxValues}`);
  return c;
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
  /** What the mode adds on top of Drain (null: plain Drain). */
  private readonly refinement: TemplateRefinement | null;
  private readonly masker: Masker;
  private readonly tokenizer: Tokenizer;
  private drain: Drain;
  private readonly cache = new Map<string, CacheEntry>();
  /** Per cluster: derived templates keyed by split key ("" when not split). */
  private readonly derived = new Map<number, Map<string, Derived>>();
  /** Bumped whenever the refinement's split rules change. */
  private rulesVersion = 0;
  private readonly paramString: string;
  /** Fast-path statistics: lines served from the cache / added through the tree. */
  readonly cacheStats = { hits: 0, misses: 0 };
  /** Tokens of masked texts seen by {@link assign} that the add cache lacks (a miner restored to assign in a worker starts with an empty cache). */
  private readonly assignTokens = new Map<string, Tokens>();

  constructor(config: Partial<TemplateMinerConfig> = {}) {
    this.config = Object.freeze(validateConfig(config));
    this.drain = new Drain(this.config.drain);
    this.drain.onEvict = (id) => this.forget(id);
    this.paramString = this.drain.options.paramString;
    this.refinement = MINER_REFINEMENTS[this.config.mode]?.(this.config, this.drain.options) ?? null;
    const pre = this.refinement?.preMasks ?? [];
    this.masker = new Masker(pre.length > 0 ? [...pre, ...this.config.masking] : this.config.masking, { keepWhitespace: this.refinement?.keepWhitespace ?? false });
    this.tokenizer = new Tokenizer(this.config.extraDelimiters);
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
    this.refinement?.forget(id);
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

  /**
   * Computes the refinement's post-pass rules (`loglab`: splits). Called by {@link assign} and
   * {@link match} when messages were added since; call it yourself before timing.
   */
  finalize(): void {
    if (this.refinement?.finalize()) this.rulesVersion++;
  }

  /** Template, id and parameter plan of a cluster (or of one of its split parts, given the split key). */
  private derive(cluster: LogCluster, splitTokens: readonly string[] | null): Derived {
    const ref = this.refinement;
    const rule = splitTokens && ref ? ref.splitPositions(cluster.id) : undefined;
    const key = rule ? rule.map((i) => splitTokens![i]).join("\u0000") : "";
    const frameVersion = ref ? ref.version(cluster.id) : 0;
    let perCluster = this.derived.get(cluster.id);
    if (!perCluster) {
      perCluster = new Map();
      this.derived.set(cluster.id, perCluster);
    }
    const hit = perCluster.get(key);
    if (hit && hit.tokensRef === cluster.tokens && hit.frameVersion === frameVersion && (!rule || hit.rulesVersion === this.rulesVersion)) return hit;
    const raw = cluster.tokens;
    const out = ref ? ref.templateTokens(cluster, rule ? splitTokens : null) : raw;
    const ps = this.paramString;
    const n = raw.length;
    const kind = new Uint8Array(n);
    const pieces: (string[] | null)[] = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      const tok = out[i]!;
      // Drain's own token keeps Drain's meaning (its wildcard is one whole-token parameter); a
      // refined token is `<*>` (whole token), literal text, or literals around `<*>` (a pattern).
      if (tok === "<*>" || (tok === raw[i] && tok === ps)) kind[i] = 1;
      else if (tok === raw[i] || !tok.includes("<*>")) kind[i] = 0;
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
      if (k === 1) out.push(originalTokenText(content, toks, spans, i));
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
        const text = originalTokenText(content, toks, spans, i);
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
    const cluster = this.addCore(content);
    const d = this.currentDerived(cluster);
    const { toks, masked } = this.last;
    return { changeType: this.last.changeType, clusterId: cluster.id, templateId: d.templateId, template: d.template, params: this.params(content, toks, masked.flat, d.plan) };
  }

  /**
   * Adds one message exactly like {@link add} (the same clusters, statistics, cache and derived
   * templates afterwards) and returns only its cluster id: the first pass of a two-pass parse,
   * which needs no parameters yet. (The template is still derived as `add` does: the derived
   * templates are remembered per cluster version, and deriving them later, from a later state,
   * changes a few final templates; the golden test pins `add`'s behaviour.)
   */
  addClusterId(content: string): number {
    const cluster = this.addCore(content);
    this.currentDerived(cluster);
    return cluster.id;
  }

  /** The cluster's template now, through the cache entry of the last message when it is current. */
  private currentDerived(cluster: LogCluster): Derived {
    const { key, entry, frameVersion } = this.last;
    let d = entry !== undefined && entry.cluster === cluster ? entry.d : null;
    if (d === null || d.tokensRef !== cluster.tokens || d.frameVersion !== frameVersion) {
      d = this.derive(cluster, null);
      const e = this.cache.get(key);
      if (e !== undefined && e.cluster === cluster) e.d = d;
    }
    return d;
  }

  /** What {@link addCore} worked with for the last message (fields, not a fresh object per line). */
  private last: { key: string; entry: CacheEntry | undefined; toks: Tokens; masked: { text: string; flat: number[] }; frameVersion: number; changeType: ChangeType } = {
    key: "",
    entry: undefined,
    toks: { tokens: [], starts: [], ends: [] },
    masked: { text: "", flat: EMPTY },
    frameVersion: 0,
    changeType: "none",
  };

  /** Masks, finds or creates the cluster (cache first), lets the refinement observe the message. */
  private addCore(content: string): LogCluster {
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
        // A new key is often the content itself, cut from a read chunk: keep its own copy (see ownString).
        this.cache.set(entry === undefined ? ownString(key) : key, { cluster, epoch: this.drain.epoch, toks, masked: maskedPos, d: null });
      }
    }
    const frameVersion = this.refinement ? this.refinement.observe(cluster, content, toks, masked.flat, maskedPos) : 0;
    const l = this.last;
    l.key = key;
    l.entry = entry;
    l.toks = toks;
    l.masked = masked;
    l.frameVersion = frameVersion;
    l.changeType = changeType;
    return cluster;
  }

  private resultFor(cluster: LogCluster, content: string, toks: Tokens, spans: readonly number[]): MatchResult {
    this.finalize();
    const d = this.derive(cluster, this.refinement?.splitPositions(cluster.id) ? toks.tokens : null);
    return { clusterId: cluster.id, templateId: d.templateId, template: d.template, params: this.params(content, toks, spans, d.plan) };
  }

  /**
   * The cluster whose template covers the message, without changing any cluster (no counts, no
   * new clusters, no cache writes). `strategy` as Drain3's `full_search_strategy`. With a
   * refinement the template is the final one (`loglab`: frames, splits, normalisation).
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
    // The tokens of a masked text never change: take them from the cache when the first pass left them there.
    const toks = (this.config.cacheSize > 0 ? this.cache.get(masked.text)?.toks : undefined) ?? this.assignTokensOf(masked.text);
    if (toks.tokens.length !== c.tokens.length) {
      throw new Error(`TemplateMiner.assign: the message has ${toks.tokens.length} tokens, cluster ${clusterId} has ${c.tokens.length}`);
    }
    return this.resultFor(c, content, toks, masked.flat);
  }

  private assignTokensOf(text: string): Tokens {
    const size = this.config.cacheSize;
    let toks = size > 0 ? this.assignTokens.get(text) : undefined;
    if (toks === undefined) {
      toks = this.tokenizer.split(text);
      if (size > 0) {
        if (this.assignTokens.size >= size) this.assignTokens.clear();
        this.assignTokens.set(ownString(text), toks);
      }
    }
    return toks;
  }

  /**
   * The miner as it assigns final templates, as plain data for another thread: the state, plus
   * the derived templates it would reuse (a cluster's template derived during the first pass is
   * kept while its frames are unchanged, and deriving it afresh from the final state can differ;
   * see {@link addClusterId}). {@link TemplateMiner.fromFrozen} rebuilds a miner whose
   * {@link assign} gives the same results as this one's. Call after the first pass.
   */
  freeze(): FrozenMiner {
    this.finalize();
    const derived: FrozenDerived[] = [];
    for (const [clusterId, perCluster] of this.derived) {
      const c = this.drain.cluster(clusterId);
      if (!c) continue;
      const frameVersion = this.refinement ? this.refinement.version(clusterId) : 0;
      for (const [key, d] of perCluster) {
        // Only what derive() would return as it stands: anything else is derived afresh in both miners.
        if (d.tokensRef !== c.tokens || d.frameVersion !== frameVersion || (key !== "" && d.rulesVersion !== this.rulesVersion)) continue;
        derived.push({ clusterId, key, template: d.template, templateId: d.templateId, kind: d.plan.kind, pieces: d.plan.pieces });
      }
    }
    return { state: this.toState(), derived };
  }

  /** A miner rebuilt from {@link freeze}'s output, for {@link assign} and {@link match}. */
  static fromFrozen(frozen: FrozenMiner): TemplateMiner {
    const m = TemplateMiner.fromState(frozen.state);
    m.finalize();
    for (const f of frozen.derived) {
      const c = m.drain.cluster(f.clusterId);
      if (!c) throw new Error(`TemplateMiner.fromFrozen: no cluster ${f.clusterId}`);
      let perCluster = m.derived.get(f.clusterId);
      if (!perCluster) m.derived.set(f.clusterId, (perCluster = new Map()));
      const frameVersion = m.refinement ? m.refinement.version(f.clusterId) : 0;
      perCluster.set(f.key, { tokensRef: c.tokens, frameVersion, rulesVersion: m.rulesVersion, template: f.template, templateId: f.templateId, plan: { kind: f.kind, pieces: f.pieces } });
    }
    return m;
  }

  /** First pass: adds every message and returns each one's cluster id (pass them to {@link assign}). */
  fit(contents: Iterable<string>): Int32Array {
    const ids: number[] = [];
    for (const c of contents) ids.push(this.addClusterId(c));
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
   * Every cluster's template, in creation order (before a refinement's splits, which are per message;
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
      stats: this.refinement ? this.refinement.toState() : [],
    };
  }

  /** A miner restored from {@link toState}'s output (validated; errors say what is wrong). */
  static fromState(state: MinerState): TemplateMiner {
    checkState(state);
    const m = new TemplateMiner({ ...state.config, drain: state.drain.options });
    m.drain = Drain.fromJSON(state.drain);
    m.drain.onEvict = (id) => m.forget(id);
    if (m.refinement) m.refinement.restore(state.stats, (id) => m.drain.cluster(id));
    else if (state.stats.length > 0) throw new Error(`Drain state: mode "${state.config.mode}" keeps no per-cluster statistics, but the state has ${state.stats.length}`);
    return m;
  }
}

/**
 * Drain options newer than the first version 1 states, which may be absent from a state (their
 * default reproduces how older states were mined; `Drain` fills it in).
 */
const OPTIONS_ADDED_LATER: Readonly<Partial<DrainOptions>> = Object.freeze({ treeWalk: "logparser" });

/** One derived template of a frozen miner (see {@link TemplateMiner.freeze}). */
export interface FrozenDerived {
  clusterId: number;
  /** The split key ("" when the cluster is not split). */
  key: string;
  template: string;
  templateId: string;
  kind: Uint8Array;
  pieces: (string[] | null)[];
}

/** A miner after its first pass, as structured-clonable data (see {@link TemplateMiner.freeze}). */
export interface FrozenMiner {
  state: MinerState;
  derived: FrozenDerived[];
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
  /** What the mode's refinement learnt per cluster (`loglab`: frames, wildcard value counts, flags); empty for plain Drain. */
  stats: RefinementClusterState[];
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
    if (k in OPTIONS_ADDED_LATER) continue;
    if (!(k in (s.drain.options ?? {}))) throw new Error(`Drain state: drain options lack "${k}"`);
  }
}
