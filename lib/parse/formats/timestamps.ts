/**
 * Small, allocation-light timestamp readers for the header formats. Local times without a zone
 * are read as UTC, so that timestamps are reproducible on any machine; ordering and differences
 * are what windowing needs.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Month index 0–11 from an English month name or abbreviation, or -1. */
export function monthIndex(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? -1;
}

function digits(s: string, start: number, len: number): number {
  let v = 0;
  for (let i = start; i < start + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** UTC epoch ms from parts, or undefined when a part is out of range or not a number. */
export function utcMillis(year: number, month0: number, day: number, h = 0, m = 0, s = 0, ms = 0): number | undefined {
  if (!(year >= 0 && month0 >= 0 && month0 <= 11 && day >= 1 && day <= 31 && h >= 0 && h <= 24 && m >= 0 && m <= 59 && s >= 0 && s <= 60 && ms >= 0)) {
    return undefined;
  }
  const t = Date.UTC(year, month0, day, h, m, s, ms);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Reads `HH:MM:SS` with an optional fraction after `.`, `,` or `:` (e.g. `18:01:47,978`,
 * `16:13:38.811`, `22:15:29:606`). Returns [h, m, s, ms] or null.
 */
export function readClock(s: string): [number, number, number, number] | null {
  if (s.length < 8 || s.charCodeAt(2) !== 58 || s.charCodeAt(5) !== 58) return null;
  const h = digits(s, 0, 2);
  const m = digits(s, 3, 2);
  const sec = digits(s, 6, 2);
  if (Number.isNaN(h) || Number.isNaN(m) || Number.isNaN(sec)) return null;
  let ms = 0;
  if (s.length > 9) {
    const sep = s.charCodeAt(8);
    if (sep !== 46 && sep !== 44 && sep !== 58) return null; // . , :
    const frac = s.slice(9);
    if (!/^\d+$/.test(frac)) return null;
    ms = Math.floor(Number(`0.${frac}`) * 1000);
  } else if (s.length !== 8) return null;
  return [h, m, sec, ms];
}

/** `YYYY-MM-DD` (or with `/` or `.` separators) → [year, month0, day] or null. */
export function readIsoDate(s: string): [number, number, number] | null {
  if (s.length !== 10) return null;
  const sep = s.charCodeAt(4);
  if ((sep !== 45 && sep !== 47 && sep !== 46) || s.charCodeAt(7) !== sep) return null; // - / .
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (Number.isNaN(y) || Number.isNaN(mo) || Number.isNaN(d)) return null;
  return [y, mo - 1, d];
}

/** Epoch seconds written as an integer (BGL, Thunderbird, HPC) → ms, or undefined. */
export function epochSecondsToMillis(s: string): number | undefined {
  if (!/^\d{9,11}$/.test(s)) return undefined;
  return Number(s) * 1000;
}

/** ISO 8601 / RFC 3339 timestamp (RFC 5424 syslog) → epoch ms, or undefined. */
export function isoToMillis(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(s)) return undefined;
  const t = Date.parse(/Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`);
  return Number.isFinite(t) ? t : undefined;
}

/** `Sun Dec 04 04:47:44 2005` (Apache error log; fraction allowed after the seconds) → epoch ms. */
export function ctimeToMillis(s: string): number | undefined {
  const m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) (\d{4})$/.exec(s);
  if (!m) return undefined;
  const clock = readClock(m[3]!);
  if (!clock) return undefined;
  return utcMillis(Number(m[4]), monthIndex(m[1]!), Number(m[2]), ...clock);
}

/** `10/Oct/2000:13:55:36 -0700` (Apache access log) → epoch ms (zone applied). */
export function clfToMillis(s: string): number | undefined {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const t = utcMillis(Number(m[3]), monthIndex(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (t === undefined) return undefined;
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  return m[7] === "+" ? t - offset : t + offset;
}
