import { decide } from "../eval/confusion.js";
import type { EventKeyMap } from "../features/event-key-map.js";
import type { Detector, SessionSet } from "../models/detector.js";
import type { TemplateMiner } from "../parse/drain/template-miner.js";
import type { RecordReader } from "../parse/log-parser.js";
import type { SessionIdReader } from "../windows/session-rule.js";
import { LiveSessionizer, type ClosedSession, type LiveGrouping, type LiveLine } from "./live-sessionizer.js";

/** A line that was read but is in no session, and why (never dropped silently: the caller reports it). */
export interface LiveReject {
  file: string;
  lineNo: number;
  reason: string;
  /** `rejected`: the format did not parse it; `unplaced`: parsed, but in no session (no id, no timestamp for the timeout). */
  kind: "rejected" | "unplaced";
}

/** A closed session with its score and verdict. */
export interface ScoredLiveSession extends ClosedSession {
  score: number;
  anomalous: boolean;
  /** Events whose key the model never saw in training. */
  outOfVocabulary: number;
}

/** Counts for the summary printed at exit. */
export interface LiveCounts {
  lines: number;
  parsed: number;
  rejected: number;
  unplaced: number;
  /** Templates mined during the run (lines no template of the state covered). */
  newTemplates: number;
  sessionsScored: number;
  anomalies: number;
  outOfVocabularyEvents: number;
  reasons: Record<string, number>;
}

/** What {@link LiveDetector} needs: the trained pieces (a session-detector folder holds them all). */
export interface LiveDetectorParts {
  reader: RecordReader;
  /** The Drain state: matched first (read-only), mined only for lines no template covers. */
  miner: TemplateMiner;
  /** The training key map; templates it lacks get new keys, counted as out-of-vocabulary. */
  keys: EventKeyMap;
  /** Session ids of a line; null for count windows. */
  rule: SessionIdReader | null;
  grouping: LiveGrouping;
  detector: Detector<SessionSet>;
  threshold: number;
  /** The keys seen in training (the model card's vocabulary); default: the keys the map held at start. */
  vocabulary?: readonly number[];
}

/**
 * Live detection over lines as they arrive: each line is parsed with the format, given its
 * template by the persisted Drain state and the training key map, put into its session(s) as
 * `loglab sessions` would, and every session that closes is scored with the trained model
 * (anomalous where score > threshold, the rule of the whole library). Templates the state already
 * has are matched without changing it, so the keys stay those the model was trained on; a line
 * no template covers is mined into the state (it is saved with the new template) and its key is
 * out-of-vocabulary for the model.
 */
export class LiveDetector {
  private readonly sessionizer: LiveSessionizer;
  private closed: ClosedSession[] = [];
  private readonly vocab: Set<number>;
  readonly counts: LiveCounts = { lines: 0, parsed: 0, rejected: 0, unplaced: 0, newTemplates: 0, sessionsScored: 0, anomalies: 0, outOfVocabularyEvents: 0, reasons: {} };

  constructor(
    private readonly parts: LiveDetectorParts,
    private readonly onReject: (r: LiveReject) => void = () => {},
  ) {
    this.sessionizer = new LiveSessionizer(parts.grouping, (s) => this.closed.push(s));
    this.vocab = new Set(parts.vocabulary ?? Array.from({ length: parts.keys.size }, (_, i) => i + 1));
  }

  /** Sessions open now. */
  get openSessions(): number {
    return this.sessionizer.openSessions;
  }

  /** Sessions closed and waiting for {@link scoreClosed}. */
  get closedWaiting(): number {
    return this.closed.length;
  }

  /** Parses and groups lines read from `file` (each `{ lineNo, text }`). */
  addLines(file: string, lines: readonly { lineNo: number; text: string }[]): void {
    const { reader, miner, keys, rule, grouping } = this.parts;
    const timeout = grouping.kind === "session" && grouping.timeoutMs !== undefined;
    for (const l of lines) {
      this.counts.lines++;
      const r = reader.read(l.text, l.lineNo);
      if (typeof r === "string") {
        this.reject({ file, lineNo: l.lineNo, reason: r, kind: "rejected" });
        continue;
      }
      this.counts.parsed++;
      let m = miner.match(r.content, "fallback");
      if (m === null) {
        m = miner.add(r.content);
        this.counts.newTemplates++;
      }
      const key = keys.keyOf(m.templateId, m.template);
      let ids: string[] = [];
      if (rule) {
        const got = rule.idsOf(r.content, r.fields, `${file}:${l.lineNo}`);
        if (!Array.isArray(got)) {
          this.reject({ file, lineNo: l.lineNo, reason: got.reason, kind: "unplaced" });
          continue;
        }
        ids = got;
      }
      if (timeout && r.timestamp === undefined) {
        this.reject({ file, lineNo: l.lineNo, reason: "no timestamp (--session-timeout needs one)", kind: "unplaced" });
        continue;
      }
      const line: LiveLine = { file, lineNo: l.lineNo, text: l.text };
      const before = this.sessionizer.notPlaced;
      this.sessionizer.add(line, key, ids, r.timestamp);
      if (this.sessionizer.notPlaced > before) this.reject({ file, lineNo: l.lineNo, reason: "between count windows (the step is longer than the window)", kind: "unplaced" });
    }
  }

  /** Closes every open session (end of the run); score them with {@link scoreClosed}. */
  end(): void {
    this.sessionizer.end();
  }

  /** Scores the sessions closed since the last call, in the order they closed. */
  async scoreClosed(): Promise<ScoredLiveSession[]> {
    const batch = this.closed;
    this.closed = [];
    if (batch.length === 0) return [];
    const scores = await this.parts.detector.score({ sequences: batch.map((s) => s.keys) });
    const bad = scores.findIndex((x) => Number.isNaN(x));
    if (bad >= 0) throw new Error(`the model scored NaN for session ${batch[bad]!.id} (${batch[bad]!.lines[0]!.file}:${batch[bad]!.lines[0]!.lineNo}): it is damaged or its training diverged`);
    const flags = decide(scores, this.parts.threshold);
    return batch.map((s, i) => {
      const oov = s.keys.filter((k) => !this.vocab.has(k)).length;
      this.counts.sessionsScored++;
      this.counts.outOfVocabularyEvents += oov;
      if (flags[i] === 1) this.counts.anomalies++;
      return { ...s, score: scores[i]!, anomalous: flags[i] === 1, outOfVocabulary: oov };
    });
  }

  private reject(r: LiveReject): void {
    if (r.kind === "rejected") this.counts.rejected++;
    else this.counts.unplaced++;
    this.counts.reasons[r.reason] = (this.counts.reasons[r.reason] ?? 0) + 1;
    this.onReject(r);
  }
}
