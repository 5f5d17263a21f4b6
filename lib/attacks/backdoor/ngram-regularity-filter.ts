/**
 * A defence that needs no knowledge of the trigger: a key n-gram planted by a poisoner recurs
 * within sessions at one fixed spacing (the insertion rule puts a trigger after every 50th key,
 * so H recurs every 50 + |trigger| keys in every poisoned session), while a natural n-gram's
 * spacing varies with the session. For every n-gram of `minN`…`maxN` keys this counts, over the
 * training sessions, how often it recurs and at which gap; an n-gram whose most common gap
 * (at least `minGap` keys, so runs of one key do not count) accounts for at least `minShare` of
 * its recurrences, in at least `minSessions` sessions and `minSessionShare` of them, and in at
 * least `minHolderShare` of the sessions holding the n-gram, is flagged
 * as anomalously regular. Sessions holding a flagged n-gram are dropped, and the model is
 * retrained on the rest (the cost: the normal sessions dropped with them, and the retraining).
 *
 * In the spirit of data-sanitisation defences against backdoors (e.g. Chen et al., "Detecting
 * Backdoor Attacks on Deep Neural Networks by Activation Clustering", 2018: find the poisoned
 * training samples, remove them, retrain); the regularity statistic is loglab's.
 */

/** Settings of {@link ngramRegularityFilter}. */
export interface NgramRegularityOptions {
  minN: number;
  maxN: number;
  /** Gaps shorter than this are ignored (runs and overlaps). */
  minGap: number;
  /** An n-gram needs its modal gap in at least max(minSessions, minSessionShare × sessions) sessions… */
  minSessions: number;
  minSessionShare: number;
  /** …and that gap must make up at least this share of all its recurrences… */
  minShare: number;
  /** …and those sessions at least this share of the sessions holding the n-gram at all (a natural n-gram of most sessions is not flagged). */
  minHolderShare: number;
}

export const NGRAM_REGULARITY_DEFAULTS: NgramRegularityOptions = { minN: 2, maxN: 4, minGap: 10, minSessions: 10, minSessionShare: 0.005, minShare: 0.8, minHolderShare: 0.5 };

/** One flagged n-gram. */
export interface RegularNgram {
  keys: number[];
  /** Its most common gap between consecutive occurrences in a session. */
  gap: number;
  /** Sessions where it recurs at that gap. */
  sessions: number;
  /** Share of its recurrences (gaps ≥ minGap) that have that gap. */
  share: number;
}

/** What the filter found and kept. */
export interface NgramFilterResult {
  flagged: RegularNgram[];
  /** Indices of the sessions kept (ascending). */
  kept: number[];
  /** Indices of the sessions dropped (they hold a flagged n-gram). */
  dropped: number[];
}

export function ngramRegularityFilter(sessions: readonly (readonly number[])[], options: NgramRegularityOptions = NGRAM_REGULARITY_DEFAULTS): NgramFilterResult {
  const { minN, maxN, minGap, minShare } = options;
  const minSessions = Math.max(options.minSessions, Math.ceil(options.minSessionShare * sessions.length));
  if (!(Number.isInteger(minN) && minN >= 1 && maxN >= minN)) throw new Error(`n-gram sizes must satisfy 1 ≤ minN ≤ maxN, got ${minN}, ${maxN}`);
  // n-gram → gap → sessions where consecutive occurrences are that far apart (counted once per session and gap).
  const gaps = new Map<string, Map<number, number>>();
  for (const s of sessions) {
    for (let n = minN; n <= maxN; n++) {
      const last = new Map<string, number>();
      const seen = new Set<string>();
      for (let i = 0; i + n <= s.length; i++) {
        const key = s.slice(i, i + n).join(" ");
        const prev = last.get(key);
        last.set(key, i);
        if (prev === undefined || i - prev < minGap) continue;
        const tag = `${key}|${i - prev}`;
        if (seen.has(tag)) continue;
        seen.add(tag);
        let g = gaps.get(key);
        if (!g) gaps.set(key, (g = new Map()));
        g.set(i - prev, (g.get(i - prev) ?? 0) + 1);
      }
    }
  }
  const candidates: RegularNgram[] = [];
  for (const [key, g] of gaps) {
    let total = 0;
    let best = 0;
    let bestGap = 0;
    for (const [gap, c] of g) {
      total += c;
      if (c > best || (c === best && gap < bestGap)) [best, bestGap] = [c, gap];
    }
    if (best >= minSessions && best / total >= minShare) candidates.push({ keys: key.split(" ").map(Number), gap: bestGap, sessions: best, share: best / total });
  }
  const holders = new Map(candidates.map((c) => [c.keys.join(" "), 0]));
  const candidateSizes = [...new Set(candidates.map((c) => c.keys.length))];
  for (const s of sessions) {
    const seen = new Set<string>();
    for (const n of candidateSizes) for (let i = 0; i + n <= s.length; i++) {
      const key = s.slice(i, i + n).join(" ");
      if (holders.has(key) && !seen.has(key)) {
        seen.add(key);
        holders.set(key, holders.get(key)! + 1);
      }
    }
  }
  const flagged = candidates.filter((c) => c.sessions >= options.minHolderShare * holders.get(c.keys.join(" "))!);
  flagged.sort((a, b) => b.sessions - a.sessions || a.keys.join(" ").localeCompare(b.keys.join(" ")));
  const flaggedKeys = new Set(flagged.map((f) => f.keys.join(" ")));
  const sizes = [...new Set(flagged.map((f) => f.keys.length))];
  const holdsFlagged = (s: readonly number[]): boolean => sizes.some((n) => {
    for (let i = 0; i + n <= s.length; i++) if (flaggedKeys.has(s.slice(i, i + n).join(" "))) return true;
    return false;
  });
  const kept: number[] = [];
  const dropped: number[] = [];
  sessions.forEach((s, idx) => (holdsFlagged(s) ? dropped : kept).push(idx));
  return { flagged, kept, dropped };
}
