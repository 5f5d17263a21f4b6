import { chooseThreshold } from "../../eval/choose-threshold.js";
import { Rng } from "../../runtime/rng.js";
import type { LogBert } from "../bert/logbert.js";
import type { SessionSet } from "../detector.js";
import type { DualLstm } from "../sequence/dual-lstm.js";
import { CosineBank, upperQuantileCutoff } from "./cosine-nearest.js";
import { labelEvent, labelSession, type EnsembleLabel, type EnsembleRule, type EnsembleThresholds, type EventEvidence, type SessionVerdict } from "./ensemble-label.js";

/** How the ensemble chooses its thresholds on validation data (never test data). */
export interface EnsembleOptions {
  /**
   * g of each frequent-line model: `validation` = the smallest g with which the model flags at most
   * `maxFpr` of the validation normal sessions (its worst frequent line decides); `model` = the
   * models' own g (the dual LSTM's topG, LogBERT's g chosen at its training).
   */
  gChoice: "validation" | "model";
  /** Bound on the share of validation normal sessions one frequent-line model may flag. */
  maxFpr: number;
  /** Share of validation normal calibration lines allowed past the rare rule's watch cutoff. */
  watchFpr: number;
  /** … and past its danger cutoff (0: the farthest validation normal line). */
  dangerFpr: number;
  /** Most normal training embeddings kept in the cosine bank (a seeded sample beyond). */
  maxBank: number;
  /** Most validation lines the cutoffs are measured on (a seeded sample beyond). */
  maxCalibrationLines: number;
  /** Fewer rare lines than this in the validation normals: the cutoffs use all their lines. */
  minRareCalibration: number;
  /**
   * `watch`: a session shorter than every normal training session (LogBERT-severity's own
   * `shortSessions` rule) is Watch Out when its lines alone would leave it Normal; `ignore`: lines decide alone.
   */
  shortSessions: "watch" | "ignore";
  /**
   * `watch`: a line whose template never occurs in training is at least Watch Out (rule
   * `rare: never seen in training`); `distance`: the cosine distance alone decides, as in the study.
   */
  unseenTemplates: "watch" | "distance";
  seed: number;
}

export const ENSEMBLE_DEFAULTS: EnsembleOptions = {
  gChoice: "validation",
  maxFpr: 0.01,
  watchFpr: 0.01,
  dangerFpr: 0,
  maxBank: 5000,
  maxCalibrationLines: 5000,
  minRareCalibration: 20,
  shortSessions: "watch",
  unseenTemplates: "watch",
  seed: 42,
};

/** Where the ensemble's thresholds came from, with the counts behind them. */
export interface EnsembleCalibration {
  thresholds: EnsembleThresholds;
  options: EnsembleOptions;
  /** In words, for reports. */
  lstmGRule: string;
  bertGRule: string;
  cutoffRule: string;
  trainingSessions: number;
  validationSessions: number;
  /** Normal training embeddings in the cosine bank (after sampling) and of all training lines. */
  bankSize: number;
  trainingLines: number;
  /** Validation lines the cutoffs were measured on, and whether they were the rare ones or all. */
  calibrationLines: number;
  calibrationSet: "rare lines" | "all lines";
  /** Templates (keys) judged by the frequent rule / the rare rule in training. */
  frequentKeys: number;
  rareKeys: number;
}

/** One line (event) of the judged input, with the scores behind its label. */
export interface EnsembleLine extends EventEvidence {
  /** Index of its session in the judged set, and its 0-based position there. */
  session: number;
  position: number;
  key: number;
  /** Occurrences of the key in the normal training sessions (0: never seen): its rarity. */
  trainCount: number;
  label: EnsembleLabel;
  rule: EnsembleRule;
  score: number;
}

/** One session of the judged input: its verdict and its lines' largest scores. */
export interface EnsembleSession extends SessionVerdict {
  session: number;
  lines: number;
  maxLstmRank: number;
  maxBertRank: number;
  /** Largest cosine distance over its rare lines (null: no rare line). */
  maxDistance: number | null;
}

/** The ensemble's verdicts on a set of sessions. */
export interface EnsembleResult {
  thresholds: EnsembleThresholds;
  lines: EnsembleLine[];
  sessions: EnsembleSession[];
}

function keyCountsOf(sequences: readonly (readonly number[])[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of sequences) for (const k of s) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function normalOnly(x: SessionSet): SessionSet {
  if (!x.labels) return x;
  const keep = (_: unknown, i: number): boolean => x.labels![i] === 0;
  return { sequences: x.sequences.filter(keep), ...(x.severities ? { severities: x.severities.filter(keep) } : {}) };
}

/** Up to `n` items of `xs`, a seeded sample without replacement (all of them, in order, when there are at most n). */
function sample<T>(xs: readonly T[], n: number, rng: Rng): T[] {
  if (xs.length <= n) return xs.slice();
  const idx = Array.from(xs, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(idx.length - i);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).sort((a, b) => a - b).map((i) => xs[i]!);
}

/**
 * The frequent/rare ensemble (issue 12, item 4): templates (log keys) are split into frequent and
 * rare by their occurrences in the normal training sessions (the dual LSTM's split,
 * `frequentRareSplit` at its `rareShare`). A frequent line is judged by the dual LSTM's frequent
 * model AND/OR LogBERT-severity (both flag: Danger; one: Watch Out; none: Normal); a rare line
 * (rare or never-seen template) by the cosine distance of its LogBERT-severity embedding (the
 * final hidden state at its position) to the nearest normal training embedding, against cutoffs
 * measured on validation normal lines. A session is as bad as its worst line (and, with
 * `shortSessions: "watch"`, Watch Out at least when it is shorter than every normal training
 * session, LogBERT's own rule for what it never learned). Every threshold comes
 * from the validation normals passed to {@link FrequentRareEnsemble.calibrate}; sampling is seeded.
 *
 * The two models are trained apart (`loglab train dual-lstm` / `logbert-severity`) on the same
 * normal sessions; the ensemble only reads them.
 */
export class FrequentRareEnsemble {
  private constructor(
    readonly lstm: DualLstm,
    readonly bert: LogBert,
    readonly calibration: EnsembleCalibration,
    private readonly bank: CosineBank,
    private readonly keyCounts: Map<number, number>,
  ) {}

  /** The thresholds in use. */
  get thresholds(): EnsembleThresholds {
    return this.calibration.thresholds;
  }

  /** Occurrences of `key` in the normal training sessions (its rarity; 0 = never seen). */
  trainCount(key: number): number {
    return this.keyCounts.get(key) ?? 0;
  }

  /**
   * Builds the cosine bank from the normal training sessions and chooses every threshold on the
   * validation normal sessions (labelled sets: their normal sessions only).
   */
  static async calibrate(lstm: DualLstm, bert: LogBert, train: SessionSet, validation: SessionSet, options: Partial<EnsembleOptions> = {}): Promise<FrequentRareEnsemble> {
    const o: EnsembleOptions = { ...ENSEMBLE_DEFAULTS, ...options };
    for (const k of Object.keys(options)) if (!(k in ENSEMBLE_DEFAULTS)) throw new Error(`ensemble: unknown option "${k}"`);
    if (!(o.maxFpr >= 0 && o.maxFpr < 1) || !(o.watchFpr >= 0 && o.watchFpr < 1) || !(o.dangerFpr >= 0 && o.dangerFpr <= o.watchFpr)) throw new Error(`ensemble: need 0 ≤ maxFpr < 1 and 0 ≤ dangerFpr ≤ watchFpr < 1`);
    const rng = new Rng(o.seed);
    const tr = normalOnly(train);
    const va = normalOnly(validation);
    if (tr.sequences.length === 0) throw new Error("ensemble: no normal training sessions");
    if (va.sequences.length === 0) throw new Error("ensemble: no normal validation sessions (thresholds are chosen on them)");
    const H = bert.params.hiddenSize;
    // The bank: every line of the distinct normal training sessions (a seeded sample beyond maxBank).
    const trainEmb = bert.positionEmbeddings(tr);
    const rows: Float32Array[] = [];
    for (const e of new Set(trainEmb)) for (let p = 0; p < e.length / H; p++) rows.push(e.subarray(p * H, (p + 1) * H));
    const bank = new CosineBank(sample(rows, o.maxBank, rng.fork("bank")), H);
    const keyCounts = keyCountsOf(tr.sequences);
    // g of each frequent-line model on the validation normals.
    const lstmRanks = lstm.positionRanks(va);
    const bertRanks = bert.positionRanks(va);
    const worstFrequent = (ranks: Int32Array[]): Float64Array =>
      Float64Array.from(va.sequences, (s, i) => s.reduce((m, k, p) => (lstm.partOf(k) === "frequent" ? Math.max(m, ranks[i]![p]!) : m), 0));
    const chooseG = (ranks: Int32Array[], own: number, name: string): { g: number; rule: string } => {
      if (o.gChoice === "model") return { g: own, rule: `${name}'s own g = ${own}` };
      const scores = worstFrequent(ranks);
      const c = chooseThreshold(new Uint8Array(scores.length), scores, { kind: "max-fpr", fpr: o.maxFpr });
      const g = Math.max(1, Math.ceil(c.threshold));
      return { g, rule: `g = ${g}: the smallest g with which ${name} flags at most ${o.maxFpr} of ${scores.length} validation normal sessions (frequent lines)` };
    };
    const lg = chooseG(lstmRanks, lstm.topG, "the dual LSTM");
    const bg = chooseG(bertRanks, bert.topG, "LogBERT-severity");
    // Cutoffs of the rare rule: distances of validation normal lines (the rare ones when there are enough).
    const valEmb = bert.positionEmbeddings(va);
    const rareRefs: [number, number][] = [];
    const allRefs: [number, number][] = [];
    va.sequences.forEach((s, i) => s.forEach((k, p) => {
      allRefs.push([i, p]);
      if (lstm.partOf(k) !== "frequent") rareRefs.push([i, p]);
    }));
    const useRare = rareRefs.length >= o.minRareCalibration;
    const refs = sample(useRare ? rareRefs : allRefs, o.maxCalibrationLines, rng.fork("calibration"));
    if (refs.length === 0) throw new Error("ensemble: the validation normal sessions hold no lines");
    const dists = Float64Array.from(refs, ([i, p]) => bank.nearestDistance(valEmb[i]!.subarray(p * H, (p + 1) * H)));
    const watchCutoff = upperQuantileCutoff(dists, o.watchFpr);
    const dangerCutoff = Math.max(watchCutoff, upperQuantileCutoff(dists, o.dangerFpr));
    const calibration: EnsembleCalibration = {
      thresholds: { lstmG: lg.g, bertG: bg.g, watchCutoff, dangerCutoff },
      options: o,
      lstmGRule: lg.rule,
      bertGRule: bg.rule,
      cutoffRule: `cosine cutoffs on ${refs.length} validation normal ${useRare ? "rare lines" : `lines (all of them: fewer than ${o.minRareCalibration} rare ones)`}: watch = the value at most ${o.watchFpr} of them exceed (${watchCutoff.toFixed(4)}), danger = the value at most ${o.dangerFpr} exceed (${dangerCutoff.toFixed(4)})`,
      trainingSessions: tr.sequences.length,
      validationSessions: va.sequences.length,
      bankSize: bank.size,
      trainingLines: rows.length,
      calibrationLines: refs.length,
      calibrationSet: useRare ? "rare lines" : "all lines",
      frequentKeys: lstm.split.frequent.length,
      rareKeys: lstm.split.rare.length,
    };
    return new FrequentRareEnsemble(lstm, bert, calibration, bank, keyCounts);
  }

  /** What the models say about every line of `x` (rare lines get their cosine distance). */
  evidence(x: SessionSet): EventEvidence[][] {
    const lstmRanks = this.lstm.positionRanks(x);
    const bertRanks = this.bert.positionRanks(x);
    const H = this.bert.params.hiddenSize;
    const ev: EventEvidence[][] = x.sequences.map((s, i) =>
      s.map((k, p) => {
        const part = this.lstm.partOf(k);
        const unseen = part === "unseen" && this.calibration.options.unseenTemplates === "watch";
        return { part: part === "frequent" ? ("frequent" as const) : ("rare" as const), unseen, lstmRank: lstmRanks[i]![p]!, bertRank: bertRanks[i]![p]!, distance: null };
      }),
    );
    // Embeddings only for the sessions holding a rare line; identical sessions share theirs (and their distances).
    const withRare = ev.map((e, i) => (e.some((l) => l.part === "rare") ? i : -1)).filter((i) => i >= 0);
    if (withRare.length > 0) {
      const sub: SessionSet = { sequences: withRare.map((i) => x.sequences[i]!), ...(x.severities ? { severities: withRare.map((i) => x.severities![i]!) } : {}) };
      const emb = this.bert.positionEmbeddings(sub);
      const cache = new Map<Float32Array, Map<number, number>>();
      withRare.forEach((i, j) => {
        const e = emb[j]!;
        let m = cache.get(e);
        if (!m) cache.set(e, (m = new Map()));
        ev[i]!.forEach((l, p) => {
          if (l.part !== "rare") return;
          let d = m!.get(p);
          if (d === undefined) m!.set(p, (d = this.bank.nearestDistance(e.subarray(p * H, (p + 1) * H))));
          l.distance = d;
        });
      });
    }
    return ev;
  }

  /** Labels every line and session of `x` (Danger / Watch Out / Normal) with the scores and rule behind each. */
  judge(x: SessionSet): EnsembleResult {
    const t = this.thresholds;
    const ev = this.evidence(x);
    const lines: EnsembleLine[] = [];
    const sessions: EnsembleSession[] = ev.map((evs, i) => {
      const verdicts = evs.map((e) => labelEvent(e, t));
      let maxLstmRank = 0;
      let maxBertRank = 0;
      let maxDistance: number | null = null;
      evs.forEach((e, p) => {
        const key = x.sequences[i]![p]!;
        lines.push({ session: i, position: p, key, trainCount: this.trainCount(key), ...e, ...verdicts[p]! });
        if (e.part === "frequent") {
          maxLstmRank = Math.max(maxLstmRank, e.lstmRank);
          maxBertRank = Math.max(maxBertRank, e.bertRank);
        } else if (e.distance !== null) maxDistance = Math.max(maxDistance ?? 0, e.distance);
      });
      const verdict = labelSession(verdicts);
      const n = x.sequences[i]!.length;
      if (this.calibration.options.shortSessions === "watch" && verdict.label === "Normal" && n > 0 && n < this.bert.shortestTrainingSession) {
        verdict.label = "Watch Out";
        verdict.rule = "session: shorter than every normal training session";
        verdict.position = -1;
      }
      return { session: i, lines: evs.length, maxLstmRank, maxBertRank, maxDistance, ...verdict };
    });
    return { thresholds: t, lines, sessions };
  }
}
