import type { HttpRequest } from "./http-requests.js";
import { Vocabulary, type VocabularyJson } from "./vocabulary.js";

/** Options of the request features. */
export interface HttpFeatureOptions {
  /** Width of the per-client rate window, centred on each request (default 60 s; rates are also counted over a sixth and five times of it). */
  windowMs: number;
  /** Character n-gram length over the decoded path and query (default 3). */
  ngram: number;
  /** Feature tokens seen fewer times in training map to `[UNK]` (default 2). */
  minCount: number;
}

export const HTTP_FEATURE_DEFAULTS: HttpFeatureOptions = { windowMs: 60_000, ngram: 3, minCount: 2 };

/** ⌊log2(n + 1)⌋: 0, 1, 2–3 → 1…, so counts and sizes become a handful of bins. */
function bin(n: number): number {
  return Math.floor(Math.log2(Math.max(0, n) + 1));
}

/** Pushes `name>=1`, `name>=2`, `name>=4`, … up to the value's log2 bin (ordinal features as thermometer codes). */
function thermometer(out: string[], name: string, n: number): void {
  for (let b = 1; b <= bin(n); b++) out.push(`${name}>=${2 ** (b - 1)}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** The user-agent family: browser, crawler, script client, scanner, none. */
export function userAgentFamily(agent: string | null): string {
  if (agent === null) return "unknown";
  const a = agent.toLowerCase();
  if (a === "-" || a === "") return "none";
  if (/nikto|sqlmap|zgrab|masscan|nmap|acunetix|dirbuster|wpscan/.test(a)) return "scanner";
  if (/bot|crawler|spider/.test(a)) return "crawler";
  if (/curl|wget/.test(a)) return "curl";
  if (/python|go-http|java\/|okhttp|libwww/.test(a)) return "script";
  if (/mobile|android|iphone/.test(a)) return "mobile-browser";
  if (/firefox|chrome|safari|edge|opera/.test(a)) return "browser";
  return "other";
}

/**
 * Per-client counts in a window centred on each request (requests, 4xx/5xx answers, distinct
 * paths, POSTs to a login-like path). The whole input is read before scoring, so the window may
 * look ahead: a burst's first request already sees the burst.
 */
function clientWindowCounts(requests: readonly HttpRequest[], windowMs: number): { total: number[]; errors: number[]; paths: number[]; logins: number[] } {
  const n = requests.length;
  const total = new Array<number>(n).fill(0);
  const errors = new Array<number>(n).fill(0);
  const paths = new Array<number>(n).fill(0);
  const logins = new Array<number>(n).fill(0);
  const byClient = new Map<string, number[]>();
  requests.forEach((r, i) => {
    let list = byClient.get(r.client);
    if (!list) byClient.set(r.client, (list = []));
    list.push(i);
  });
  const half = windowMs / 2;
  const isLogin = (r: HttpRequest) => r.method === "POST" && /login|signin|auth/i.test(r.path);
  for (const list of byClient.values()) {
    list.sort((a, b) => requests[a]!.time - requests[b]!.time || a - b);
    let lo = 0;
    let hi = 0;
    let err = 0;
    let log = 0;
    const pathCount = new Map<string, number>();
    const add = (r: HttpRequest, d: number) => {
      if (r.status >= 400) err += d;
      if (isLogin(r)) log += d;
      const c = (pathCount.get(r.path) ?? 0) + d;
      if (c === 0) pathCount.delete(r.path);
      else pathCount.set(r.path, c);
    };
    for (const i of list) {
      const t = requests[i]!.time;
      while (hi < list.length && requests[list[hi]!]!.time <= t + half) add(requests[list[hi++]!]!, 1);
      while (requests[list[lo]!]!.time < t - half) add(requests[list[lo++]!]!, -1);
      total[i] = hi - lo;
      errors[i] = err;
      paths[i] = pathCount.size;
      logins[i] = log;
    }
  }
  return { total, errors, paths, logins };
}

/**
 * The features of each request as discrete tokens, in a fixed order: method; status and its
 * class; response size (log2 bin); path depth and length; query length and each query key;
 * character classes of the decoded target (quotes, `..`, percent escapes, SQL/shell punctuation,
 * spaces, comment markers); its character n-grams (digit runs folded to 0, letter runs of query values to a); the user-agent family;
 * and the client's rates in windows centred on the request (requests and distinct paths at three
 * time scales, error answers and login POSTs at `windowMs`), as log2 thermometer codes. A request is then a bag (or sequence) of feature tokens:
 * the count-vector autoencoders, Isolation Forest and the LSTM autoencoder read it as a session
 * of keys.
 *
 * @example
 * requestFeatureTokens(requests, HTTP_FEATURE_DEFAULTS)[0]; // ["method:GET", "status:200", …]
 */
export function requestFeatureTokens(requests: readonly HttpRequest[], options: HttpFeatureOptions): string[][] {
  // Three time scales (window / 6, window, window × 5): a burst of seconds, a minute's scan, a slow brute force.
  const scales = [options.windowMs / 6, options.windowMs, options.windowMs * 5].map((w) => clientWindowCounts(requests, w));
  const rates = scales[1]!;
  return requests.map((r, i) => {
    const t: string[] = [`method:${r.method}`, `status:${r.status}`, `status-class:${Math.floor(r.status / 100)}xx`, `bytes:${bin(r.bytes)}`];
    const segments = r.path.split("/").filter(Boolean);
    t.push(`depth:${Math.min(segments.length, 12)}`, `path-length:${bin(r.path.length)}`, `query-length:${bin(r.query.length)}`);
    if (r.query) {
      for (const kv of r.query.split("&")) {
        const key = kv.split("=")[0]!.toLowerCase();
        t.push(`query-key:${/^[a-z0-9_.-]{1,24}$/.test(key) ? key : "?"}`);
      }
    }
    const raw = r.query ? `${r.path}?${r.query}` : r.path;
    const decoded = safeDecode(raw).toLowerCase();
    const classes: [string, RegExp][] = [
      ["quote", /['"`]/g],
      ["dotdot", /\.\.[/\\]|[/\\]\.\./g],
      ["percent", /%[0-9a-f]{2}/gi],
      ["sql-punct", /[;()=*<>|]/g],
      ["space", /[ \t]/g],
      ["comment", /--|\/\*|#/g],
      ["backslash", /\\/g],
    ];
    for (const [name, re] of classes) {
      const n = (name === "percent" ? raw : decoded).match(re)?.length ?? 0;
      if (n > 0) t.push(`chars:${name}:${bin(n)}`);
    }
    // Path n-grams keep letters (digits folded to 0); in query values letters fold to "a" too, so
    // free text (search words) adds no novel grams while punctuation and structure still do.
    const qAt = decoded.indexOf("?");
    const folded = (qAt < 0 ? decoded : decoded.slice(0, qAt) + decoded.slice(qAt).replace(/=([^&]*)/g, (_m, v: string) => "=" + v.replace(/\p{L}+/gu, "a"))).replace(/[0-9]+/g, "0");
    const grams = new Set<string>();
    for (let k = 0; k + options.ngram <= folded.length; k++) grams.add(folded.slice(k, k + options.ngram));
    for (const g of grams) t.push(`gram:${g}`);
    t.push(`agent:${userAgentFamily(r.userAgent)}`);
    // Rates as thermometer codes (every bin up to the value), so a rate far above normal differs in many columns.
    scales.forEach((w, k) => {
      thermometer(t, `client-requests@${k}`, w.total[i]!);
      thermometer(t, `client-paths@${k}`, w.paths[i]!);
    });
    thermometer(t, "client-errors", rates.errors[i]!);
    thermometer(t, "client-logins", rates.logins[i]!);
    return t;
  });
}

/** A saved {@link HttpRequestFeaturizer}. */
export interface HttpRequestFeaturizerJson {
  format: "loglab.http-request-features";
  version: 1;
  options: HttpFeatureOptions;
  vocabulary: VocabularyJson;
}

/**
 * Requests → integer key sequences for the registry's models: the feature tokens of
 * {@link requestFeatureTokens}, numbered by a vocabulary fitted on the training requests (tokens
 * rarer than `minCount` and tokens never seen in training map to `[UNK]`, id 1).
 */
export class HttpRequestFeaturizer {
  private constructor(
    readonly options: HttpFeatureOptions,
    readonly vocabulary: Vocabulary,
  ) {}

  static fit(requests: readonly HttpRequest[], options: Partial<HttpFeatureOptions> = {}): HttpRequestFeaturizer {
    const o = { ...HTTP_FEATURE_DEFAULTS, ...options };
    if (!(o.windowMs > 0)) throw new Error(`windowMs must be positive, got ${o.windowMs}`);
    if (!(Number.isInteger(o.ngram) && o.ngram >= 1)) throw new Error(`ngram must be a positive integer, got ${o.ngram}`);
    const tokens = requestFeatureTokens(requests, o);
    const vocabulary = Vocabulary.build(tokens.flat(), { specials: ["[PAD]", "[UNK]"], unknown: "[UNK]", minCount: o.minCount });
    return new HttpRequestFeaturizer(o, vocabulary);
  }

  static fromJSON(json: HttpRequestFeaturizerJson): HttpRequestFeaturizer {
    if (json?.format !== "loglab.http-request-features" || json.version !== 1) throw new Error(`not loglab HTTP request features v1 (format ${String(json?.format)})`);
    return new HttpRequestFeaturizer({ ...HTTP_FEATURE_DEFAULTS, ...json.options }, Vocabulary.fromJSON(json.vocabulary));
  }

  toJSON(): HttpRequestFeaturizerJson {
    return { format: "loglab.http-request-features", version: 1, options: this.options, vocabulary: this.vocabulary.toJSON() };
  }

  /** One key sequence per request (rates computed within `requests`, which should be one log in time order). */
  transform(requests: readonly HttpRequest[]): number[][] {
    return requestFeatureTokens(requests, this.options).map((t) => t.map((tok) => this.vocabulary.id(tok)));
  }
}
