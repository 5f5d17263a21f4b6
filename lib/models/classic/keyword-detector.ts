import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import type { Detector, FitReport, SessionSet } from "../detector.js";

/** What {@link KeywordDetector.fit} reports. */
export interface KeywordFitReport extends FitReport {
  /** Keys seen in normal training sessions. */
  seenKeys: number;
  alarmKeys: number;
}

/** Parameters of the keyword baseline on key sessions. */
export interface KeywordParams {
  /** Keys that mean trouble (the "grep ERROR" list, by log key); default none. */
  alarmKeys: number[];
  /** Also count keys never seen in the training sessions (default true). */
  flagUnseenKeys: boolean;
}

const FILE = "keyword-model.json";

/**
 * The trivial baseline users ask for ("why not just grep for ERROR?", logdeep issue #18): a
 * session's score is the number of its keys that are on an alarm list, plus (by default) the
 * number of keys never seen in normal training sessions. Key files carry no message text, so
 * "grep" works on keys here; `keywordLineScores` is the text version for raw log lines. The
 * rule's own threshold is 0: any hit flags the session.
 *
 * @example
 * const kw = new KeywordDetector({ alarmKeys: [], flagUnseenKeys: true });
 * await kw.fit({ sequences: normalTrain });
 * await kw.score({ sequences: test }); // unseen-key count per session
 */
export class KeywordDetector implements Detector<SessionSet, KeywordFitReport> {
  readonly name = "keyword";
  readonly supervision = "unsupervised" as const;
  private seen: Set<number> | null = null;
  private readonly alarm: Set<number>;

  constructor(readonly params: KeywordParams) {
    if (!Array.isArray(params.alarmKeys) || params.alarmKeys.some((k) => !Number.isInteger(k) || k < 0)) {
      throw new Error(`keyword: alarmKeys must be a list of non-negative integer keys, got ${JSON.stringify(params.alarmKeys)}`);
    }
    if (params.alarmKeys.length === 0 && !params.flagUnseenKeys) throw new Error("keyword: give alarmKeys or set flagUnseenKeys, else nothing can be flagged");
    this.alarm = new Set(params.alarmKeys);
  }

  intrinsicThreshold(): number {
    return 0;
  }

  async fit(train: SessionSet): Promise<KeywordFitReport> {
    const t0 = performance.now();
    const labels = train.labels;
    this.seen = new Set();
    train.sequences.forEach((s, i) => {
      if (labels && labels[i] !== 0) return; // keys of normal sessions only
      for (const k of s) this.seen!.add(k);
    });
    return { seconds: (performance.now() - t0) / 1000, seenKeys: this.seen.size, alarmKeys: this.alarm.size };
  }

  async score(x: SessionSet): Promise<Float64Array> {
    if (!this.seen) throw new Error("keyword: score before fit");
    const seen = this.seen;
    return Float64Array.from(x.sequences, (s) => {
      let hits = 0;
      for (const k of s) if (this.alarm.has(k) || (this.params.flagUnseenKeys && !seen.has(k))) hits++;
      return hits;
    });
  }

  async save(dir: string): Promise<void> {
    if (!this.seen) throw new Error("keyword: save before fit");
    writeJsonAtomic(join(dir, FILE), { format: "loglab.keyword", version: 1, params: this.params, seenKeys: [...this.seen].sort((a, b) => a - b) });
  }

  dispose(): void {}

  static async load(dir: string): Promise<KeywordDetector> {
    const path = join(dir, FILE);
    if (!existsSync(path)) throw new Error(`${dir}: no ${FILE} (not a saved keyword model)`);
    const json = JSON.parse(readFileSync(path, "utf8")) as { format: string; version: number; params: KeywordParams; seenKeys: number[] };
    if (json.format !== "loglab.keyword" || json.version !== 1) throw new Error(`${path}: not a loglab keyword model v1`);
    const d = new KeywordDetector(json.params);
    d.seen = new Set(json.seenKeys);
    return d;
  }
}

/** Words that a "grep for errors" looks for in raw log lines (case-insensitive, whole words). */
export const ERROR_KEYWORDS = ["error", "errors", "fail", "failed", "failure", "fatal", "exception", "critical", "panic", "denied", "refused", "timeout", "unreachable", "abort", "aborted", "corrupt", "killed"] as const;

/**
 * The text version of the keyword baseline: the number of error words in each raw log line
 * (`ERROR_KEYWORDS` unless given), so `score > 0` is "grep -iwE 'error|fail|…'".
 *
 * @example
 * keywordLineScores(["INFO ok", "ERROR disk failed"]); // [0, 2]
 */
export function keywordLineScores(lines: readonly string[], words: readonly string[] = ERROR_KEYWORDS): Float64Array {
  const re = new RegExp(`\\b(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b`, "gi");
  return Float64Array.from(lines, (l) => (l.match(re) ?? []).length);
}
