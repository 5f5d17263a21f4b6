import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decide } from "../eval/confusion.js";
import { EventKeyMap } from "../features/event-key-map.js";
import { loadTrainedDetector, type ModelCard } from "../models/trained-model.js";
import type { Detector, SessionSet } from "../models/detector.js";
import { loadMinerState } from "../parse/drain/state-store.js";
import type { TemplateMiner } from "../parse/drain/template-miner.js";
import { RecordReader, resolveParseSetup, type ResolvedParseSetup } from "../parse/log-parser.js";
import { maskedContentTemplate } from "../classify/line-analyzer.js";
import type { EventWindow } from "../windows/event-window.js";
import { sessionWindows } from "../windows/session.js";
import { slidingCountWindows } from "../windows/sliding.js";

/** The settings file of a session-detector folder. */
export const SESSION_DETECTOR_FILE = "serve-detector.json";

/** How posted lines become sessions for one detector (`serve-detector.json`). */
export interface SessionDetectorConfig {
  format: "loglab.serve-detector";
  version: 1;
  /** Header format of the lines (as `loglab sessions --format`). */
  logFormat: string;
  /** Sessions by an id regex (as `--session-id`) or count windows (as `--window N[:STEP]`). */
  session: { idPattern: string } | { window: number; step?: number };
}

/** The parts of a session-detector folder, loaded and checked (`loglab serve` and `loglab tail` read them). */
export interface SessionDetectorFolder {
  config: SessionDetectorConfig;
  card: ModelCard;
  detector: Detector<SessionSet>;
  /** The Drain state the training sessions were mined with. */
  miner: TemplateMiner;
  keys: EventKeyMap;
  setup: ResolvedParseSetup;
  /** The session id regex (global), null for count windows. */
  idPattern: RegExp | null;
}

/** Loads a detector folder (see {@link SessionDetector}); every problem is an error naming the folder and the file. */
export async function readSessionDetectorFolder(dir: string): Promise<SessionDetectorFolder> {
  const cfgPath = join(dir, SESSION_DETECTOR_FILE);
  if (!existsSync(cfgPath)) throw new Error(`${dir}: ${SESSION_DETECTOR_FILE} is missing`);
  let config: SessionDetectorConfig;
  try {
    config = JSON.parse(readFileSync(cfgPath, "utf8")) as SessionDetectorConfig;
  } catch (err) {
    throw new Error(`${cfgPath}: not valid JSON (${(err as Error).message})`);
  }
  if (config.format !== "loglab.serve-detector" || config.version !== 1) throw new Error(`${cfgPath}: not a loglab serve-detector v1 file`);
  let idPattern: RegExp | null = null;
  if ("idPattern" in config.session) {
    try {
      idPattern = new RegExp(config.session.idPattern, "g");
    } catch (err) {
      throw new Error(`${cfgPath}: session.idPattern is not a valid regular expression (${(err as Error).message})`);
    }
  } else if (!(Number.isInteger(config.session.window) && config.session.window > 0)) throw new Error(`${cfgPath}: session needs "idPattern" or a positive integer "window"`);
  const setup = resolveParseSetup(config.logFormat);
  const statePath = join(dir, "drain-state.json");
  const miner = loadMinerState(statePath);
  if (!miner) throw new Error(`${dir}: drain-state.json is missing`);
  const keysPath = join(dir, "keys.csv");
  if (!existsSync(keysPath)) throw new Error(`${dir}: keys.csv is missing`);
  const keys = EventKeyMap.load(keysPath);
  const { detector, card } = await loadTrainedDetector(join(dir, "model"));
  return { config, card, detector, miner, keys, setup, idPattern };
}

/** One scored session. */
export interface ScoredSession {
  id: string;
  /** Positions (0-based) of the session's lines in the posted batch. */
  lines: number[];
  keys: number[];
  score: number;
  anomalous: boolean;
  /** Keys of templates the model never saw. */
  outOfVocabulary: number;
}

/** What one detector found in a batch. */
export interface SessionDetection {
  detector: string;
  model: string;
  threshold: number;
  sessions: ScoredSession[];
  flagged: number;
  /** Lines the detector's format rejected, and lines in no session (no id). */
  rejectedLines: number;
  unassignedLines: number;
}

/**
 * A trained session detector served by `/api/analyze`: a folder holding `model/` (what
 * `loglab train --out` writes), `keys.csv` and `drain-state.json` (what `loglab sessions` wrote with
 * `--state` for the training data, so templates and keys match training), and
 * `serve-detector.json` ({@link SessionDetectorConfig}). Any detector of the registry works
 * (DeepLog, PCA, …); LogBERT and the ensemble plug in the same way once they save a model card.
 * Posted lines are parsed with the saved Drain state (read-only match), grouped into sessions,
 * mapped to keys (templates the map lacks get fresh keys past the vocabulary, counted as
 * out-of-vocabulary) and scored; anomalous where score > the threshold chosen at training.
 */
export class SessionDetector {
  private constructor(
    readonly name: string,
    readonly config: SessionDetectorConfig,
    readonly card: ModelCard,
    private readonly detector: Detector<SessionSet>,
    private readonly miner: TemplateMiner,
    private readonly keys: EventKeyMap,
    private readonly reader: RecordReader,
    private readonly idPattern: RegExp | null,
  ) {}

  /** Loads a detector folder; every problem is an error naming the folder and the file. */
  static async load(dir: string, name: string): Promise<SessionDetector> {
    const f = await readSessionDetectorFolder(dir);
    return new SessionDetector(name, f.config, f.card, f.detector, f.miner, f.keys, new RecordReader(f.setup.format, "(request)", f.setup.timestampOptions), f.idPattern);
  }

  /** Sessions of a batch of raw lines and their scores. */
  async detect(lines: readonly string[]): Promise<SessionDetection> {
    const events: { file: string; lineNo: number; content: string; key: number; at: number }[] = [];
    const unseen = new Map<string, number>();
    let rejected = 0;
    lines.forEach((line, i) => {
      const r = this.reader.read(line, i + 1);
      if (typeof r === "string") {
        rejected++;
        return;
      }
      const m = this.miner.match(r.content, "fallback");
      let key = m ? this.keys.peek(m.templateId) : undefined;
      if (key === undefined) {
        const t = m ? m.templateId : maskedContentTemplate(r.content);
        key = unseen.get(t) ?? this.keys.size + unseen.size + 1;
        unseen.set(t, key);
      }
      events.push({ file: "(request)", lineNo: i + 1, content: r.content, key, at: i });
    });
    let windows: EventWindow[];
    let unassigned = 0;
    if (this.idPattern) {
      const s = sessionWindows(events, { idPattern: this.idPattern });
      windows = s.windows;
      unassigned = s.unassigned;
    } else {
      const w = this.config.session as { window: number; step?: number };
      windows = slidingCountWindows(events, { size: w.window, step: w.step ?? w.window });
    }
    const sequences = windows.map((w) => w.indices.map((i) => events[i]!.key));
    const scores = sequences.length ? await this.detector.score({ sequences }) : new Float64Array(0);
    const flags = decide(scores, this.card.threshold);
    const vocab = this.card.vocabulary ? new Set(this.card.vocabulary) : null;
    const sessions = windows.map((w, k) => ({
      id: w.id,
      lines: w.indices.map((i) => events[i]!.at),
      keys: sequences[k]!,
      score: scores[k]!,
      anomalous: flags[k] === 1,
      outOfVocabulary: sequences[k]!.filter((key) => (vocab ? !vocab.has(key) : key > this.keys.size)).length,
    }));
    return { detector: this.name, model: this.card.name, threshold: this.card.threshold, sessions, flagged: sessions.filter((s) => s.anomalous).length, rejectedLines: rejected, unassignedLines: unassigned };
  }

  dispose(): void {
    this.detector.dispose();
  }
}
