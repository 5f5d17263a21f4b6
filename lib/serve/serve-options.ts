/** Limits every request is held to (all configurable; see `loglab serve --help`). */
export interface ServeLimits {
  /** Largest request body in bytes (default 1 MiB). */
  bodyBytes: number;
  /** Most log lines in one request (default 100, the mirrored service's MAX_BATCH_SIZE). */
  maxLines: number;
  /** Longest log line in characters (default 16,384). */
  maxLineChars: number;
  /** Work on one request stops with a 503 after this many milliseconds (default 30,000). */
  requestMs: number;
  /** A client must send its whole request within this many milliseconds (default 30,000; Node's request timeout). */
  receiveMs: number;
}

/** Default limits. */
export const DEFAULT_SERVE_LIMITS: Readonly<ServeLimits> = Object.freeze({
  bodyBytes: 1024 * 1024,
  maxLines: 100,
  maxLineChars: 16_384,
  requestMs: 30_000,
  receiveMs: 30_000,
});

/** Options of the HTTP server. */
export interface ServeOptions {
  limits: ServeLimits;
  /** Origins allowed to call the API from a browser page on another origin; empty (default): CORS off. */
  corsOrigins: readonly string[];
  /** Log one line per request to this function (default: none). */
  log?: (line: string) => void;
}

/** Checks limits (positive integers) and fills defaults; a bad value names the limit. */
export function resolveServeLimits(given: Partial<ServeLimits> = {}): ServeLimits {
  const out = { ...DEFAULT_SERVE_LIMITS, ...given };
  for (const [k, v] of Object.entries(out)) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`serve limit ${k} must be a positive integer, got ${String(v)}`);
  }
  return out;
}
