import { TemplateMiner, type MinerState } from "../parse/drain/template-miner.js";
import { DEFAULT_MASKING_RULES } from "../parse/masking.js";

/**
 * Per-line features beside a sentence embedding: text statistics of the message and the shape of
 * its Drain template. These are the hand-made features of the BERT-hybrid classifier and of the
 * gradient-boosting "790-dimensional" design (embedding ⊕ text statistics ⊕ template features).
 */

/** Names of {@link lineTextStatistics}' values, in order. */
export const TEXT_STATISTIC_NAMES = ["log chars", "log tokens", "log words", "log numbers", "log special chars", "upper-case share", "digit share", "log longest token"] as const;

const LETTER = /\p{L}/u;

/**
 * Text statistics of one message: log(1+x) of its length, whitespace tokens, words, numbers and
 * special characters; the shares of upper-case letters and of digits; log(1+x) of the longest token.
 *
 * @example
 * lineTextStatistics("Failed password for root from 10.0.0.1"); // 8 numbers
 */
export function lineTextStatistics(content: string): number[] {
  const tokens = content.split(/\s+/).filter(Boolean);
  let letters = 0;
  let upper = 0;
  let digits = 0;
  let special = 0;
  for (const ch of content) {
    if (ch >= "0" && ch <= "9") digits++;
    else if (LETTER.test(ch)) {
      letters++;
      if (ch !== ch.toLowerCase()) upper++;
    } else if (!/\s/.test(ch)) special++;
  }
  const words = (content.match(/\p{L}+/gu) ?? []).length;
  const numbers = (content.match(/\d+/g) ?? []).length;
  const longest = tokens.reduce((m, t) => Math.max(m, t.length), 0);
  const n = Math.max(1, content.length);
  return [Math.log1p(content.length), Math.log1p(tokens.length), Math.log1p(words), Math.log1p(numbers), Math.log1p(special), letters ? upper / letters : 0, digits / n, Math.log1p(longest)];
}

/** Options of {@link LineTemplateFeatures.fit}. */
export interface LineTemplateFeatureOptions {
  /** Template ids are hashed into this many one-hot buckets (default 32; 0 = none). */
  hashBuckets?: number;
}

/** A saved {@link LineTemplateFeatures}. */
export interface LineTemplateFeaturesJson {
  format: "loglab.line-template-features";
  version: 1;
  hashBuckets: number;
  /** Training lines per template id. */
  counts: Record<string, number>;
  miner: MinerState;
}

/** A line's template as the fitted miner sees it. */
export interface LineTemplateMatch {
  templateId: string;
  template: string;
  /** Whether a training template covers the line (else the template is the masked line itself). */
  seen: boolean;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const PARAM = /<\*>|<:[A-Za-z0-9_]+:>/g;

/**
 * Template features of log lines: Drain (loglab mode, the default named masks) is fitted on the
 * training messages; a line's template is the training template that covers it (`match`, no
 * change to the miner), else its own masked text, flagged unseen. Features per line:
 * log(1+x) of the template's length, tokens and parameter slots, of the line's numbers and of the
 * template's special characters, the seen flag, log(1+training lines of the template), then a
 * one-hot of the template id hashed into `hashBuckets` (all zero when unseen): Drain's template-id
 * features, which help only where test templates occur in training (the random split).
 *
 * @example
 * const tf = LineTemplateFeatures.fit(trainMessages);
 * const { x, dim } = tf.transform(testMessages); // Float32Array [n, dim]
 */
export class LineTemplateFeatures {
  private constructor(
    private readonly miner: TemplateMiner,
    private readonly counts: Map<string, number>,
    readonly hashBuckets: number,
  ) {}

  /** Fits the miner on training messages (every message added, then counts of final templates). */
  static fit(contents: readonly string[], options: LineTemplateFeatureOptions = {}): LineTemplateFeatures {
    const miner = new TemplateMiner({ mode: "loglab", masking: DEFAULT_MASKING_RULES });
    const ids = miner.fit(contents);
    const counts = new Map<string, number>();
    contents.forEach((c, i) => {
      const t = miner.assign(c, ids[i]!);
      counts.set(t.templateId, (counts.get(t.templateId) ?? 0) + 1);
    });
    return new LineTemplateFeatures(miner, counts, options.hashBuckets ?? 32);
  }

  /** Number of features per line. */
  get dim(): number {
    return 7 + this.hashBuckets;
  }

  /** Feature names, in column order. */
  get names(): string[] {
    return ["log template chars", "log template tokens", "log template params", "log line numbers", "log template special chars", "template seen", "log template train lines", ...Array.from({ length: this.hashBuckets }, (_, b) => `template id bucket ${b}`)];
  }

  /** Number of distinct training templates. */
  get templateCount(): number {
    return this.counts.size;
  }

  /** The line's template (see the class comment). */
  match(content: string): LineTemplateMatch {
    const m = this.miner.match(content, "fallback");
    if (m && this.counts.has(m.templateId)) return { templateId: m.templateId, template: m.template, seen: true };
    if (m) return { templateId: m.templateId, template: m.template, seen: false };
    const masked = content.replace(/\d+/g, "<*>");
    return { templateId: `new:${fnv1a(masked).toString(16)}`, template: masked, seen: false };
  }

  /** Features of one line into `out` at `offset`. */
  private write(content: string, match: LineTemplateMatch, out: Float32Array, offset: number): void {
    const t = match.template;
    const bare = t.replace(PARAM, " ");
    let special = 0;
    for (const ch of bare) if (!/[\p{L}\p{N}\s]/u.test(ch)) special++;
    const count = match.seen ? (this.counts.get(match.templateId) ?? 0) : 0;
    out[offset] = Math.log1p(t.length);
    out[offset + 1] = Math.log1p(t.split(/\s+/).filter(Boolean).length);
    out[offset + 2] = Math.log1p((t.match(PARAM) ?? []).length);
    out[offset + 3] = Math.log1p((content.match(/\d+/g) ?? []).length);
    out[offset + 4] = Math.log1p(special);
    out[offset + 5] = match.seen ? 1 : 0;
    out[offset + 6] = Math.log1p(count);
    if (match.seen && this.hashBuckets > 0) out[offset + 7 + (fnv1a(match.templateId) % this.hashBuckets)] = 1;
  }

  /** Features of many lines, row-major `[n, dim]`, with each line's template. */
  transform(contents: readonly string[]): { x: Float32Array; dim: number; matches: LineTemplateMatch[] } {
    const dim = this.dim;
    const x = new Float32Array(contents.length * dim);
    const matches = contents.map((c, i) => {
      const m = this.match(c);
      this.write(c, m, x, i * dim);
      return m;
    });
    return { x, dim, matches };
  }

  toJSON(): LineTemplateFeaturesJson {
    return { format: "loglab.line-template-features", version: 1, hashBuckets: this.hashBuckets, counts: Object.fromEntries([...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))), miner: this.miner.toState() };
  }

  /** Restores a saved featurizer; anything else is an error naming `source`. */
  static fromJSON(json: unknown, source = "template features"): LineTemplateFeatures {
    const j = json as Partial<LineTemplateFeaturesJson> | null;
    if (!j || j.format !== "loglab.line-template-features" || j.version !== 1 || !j.miner || !j.counts) throw new Error(`${source}: not loglab.line-template-features v1`);
    let miner: TemplateMiner;
    try {
      miner = TemplateMiner.fromState(j.miner);
    } catch (err) {
      throw new Error(`${source}: ${(err as Error).message}`);
    }
    return new LineTemplateFeatures(miner, new Map(Object.entries(j.counts)), Number(j.hashBuckets ?? 32));
  }
}
