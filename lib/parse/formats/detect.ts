import type { HeaderFormat } from "./header-format.js";
import { FORMAT_NAMES, getFormat } from "./registry.js";

/** The outcome of {@link detectFormat}. */
export interface FormatDetection {
  /** The best format. */
  format: HeaderFormat;
  /** Its name. */
  name: string;
  /** Mean over the sampled non-empty lines of (line matches ? plausibility of its fields : 0), 0..1. */
  confidence: number;
  /** Sampled non-empty lines the best format matched. */
  matched: number;
  /** Non-empty lines sampled. */
  sampled: number;
  /** Every candidate's score, best first. */
  candidates: { name: string; confidence: number; matchRate: number }[];
}

/** Options of {@link detectFormat}. */
export interface DetectFormatOptions {
  /** Formats to try (default: every built-in format, LogHub systems first). */
  candidates?: readonly HeaderFormat[];
  /** Lines to look at, from the start (default 200). */
  sample?: number;
}

/**
 * Picks the header format that fits the lines best. A format scores, per line, 0 when its header
 * does not match and otherwise the plausibility of the fields it split out (dates that look like
 * dates, levels that look like levels), so a loose format that matches by accident scores below
 * the right one. Ties go to the more specific format ({@link HeaderFormat.specificity}), then to
 * the earlier candidate.
 *
 * @example
 * const d = detectFormat(lines);
 * if (d.confidence < 0.5) throw new Error("unknown format");
 * d.name; // "HDFS"
 */
export function detectFormat(lines: readonly string[], options: DetectFormatOptions = {}): FormatDetection {
  const candidates = options.candidates ?? FORMAT_NAMES.map((n) => getFormat(n));
  if (candidates.length === 0) throw new Error("detectFormat: no candidate formats");
  const sample: string[] = [];
  const limit = options.sample ?? 200;
  for (const l of lines) {
    if (sample.length >= limit) break;
    if (l.trim() !== "") sample.push(l);
  }
  const scored = candidates.map((format, order) => {
    let score = 0;
    let matched = 0;
    for (const line of sample) {
      let m = null;
      try {
        m = format.parse(line);
      } catch {
        m = null;
      }
      if (!m) continue;
      matched++;
      score += format.plausibility ? format.plausibility(m.values) : 0.9;
    }
    const n = Math.max(1, sample.length);
    return { format, order, confidence: score / n, matched, matchRate: matched / n };
  });
  const spec = (f: HeaderFormat): number => f.specificity ?? f.fields.length;
  scored.sort((a, b) => (Math.abs(b.confidence - a.confidence) > 1e-9 ? b.confidence - a.confidence : spec(b.format) - spec(a.format) || a.order - b.order));
  const best = scored[0]!;
  return {
    format: best.format,
    name: best.format.name,
    confidence: best.confidence,
    matched: best.matched,
    sampled: sample.length,
    candidates: scored.map((s) => ({ name: s.format.name, confidence: s.confidence, matchRate: s.matchRate })),
  };
}
