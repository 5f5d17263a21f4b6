import { join } from "node:path";
import { frequentRareSplit, tallyTemplates } from "../../features/frequent-rare-split.js";
import { indexNextKeyWindows } from "../../features/next-key-windows.js";
import { writeDirAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, EpochRecord, FitReport, SessionSet } from "../detector.js";
import { readModelMeta } from "../nn/saved-model.js";
import { trainingParamsOf, type TrainingParams } from "../nn/training-params.js";
import { DeepLog, DEEPLOG_DEFAULTS } from "./deeplog.js";
import { rankNextKeys } from "./next-key-ranks.js";
import { normalSessions } from "./session-subsets.js";

/** Parameters of the dual LSTM. */
export interface DualLstmParams extends TrainingParams {
  /** A key is rare when it has less than this share of all training key occurrences. */
  rareShare: number;
  /** Window of the frequent-key model. */
  window: number;
  /** Window of the rare-key model (rare-key subsequences are short). */
  rareWindow: number;
  layers: number;
  hiddenUnits: number;
  embeddingDim: number;
  /** The default decision: anomalous if a next key of either model falls outside its top g. */
  topG: number;
}

export const DUAL_LSTM_DEFAULTS: DualLstmParams = {
  rareShare: 0.01,
  window: 10,
  rareWindow: 3,
  layers: 2,
  hiddenUnits: 64,
  embeddingDim: 16,
  topG: 5,
  epochs: 40,
  batchSize: 256,
  learningRate: 0.01,
  lrSchedule: "plateau",
  lrPatience: 2,
  earlyStoppingPatience: 5,
  maxTrainSeconds: 0,
};

/** Top-k accuracy of the two models on the next keys of some sessions. */
export interface DualTopKAccuracy {
  k: number;
  frequent: number;
  rare: number;
  /** Next-key positions evaluated (with repetition), per model. */
  frequentPositions: number;
  rarePositions: number;
}

/** What {@link DualLstm.fit} reports. */
export interface DualLstmFitReport extends FitReport {
  frequentKeys: number;
  rareKeys: number;
  /** Training key occurrences of frequent and of rare keys. */
  frequentLines: number;
  rareLines: number;
  /** Each part's fit seconds and distinct (window, next key) pairs (0 when the part had no data). */
  frequentSeconds: number;
  rareSeconds: number;
  frequentPairs: number;
  rarePairs: number;
}

const META = "dual-lstm.json";
const FORMAT = "loglab.dual-lstm";

/**
 * Dual LSTM: templates are split by occurrence into frequent and rare ones; each session is
 * split into its frequent-key subsequence and its rare-key subsequence, and a DeepLog-style
 * next-key LSTM is trained on each (the frequent model sees the bulk of the traffic; the rare
 * model learns the order of rare events, which a single model ranks poorly because they barely
 * move its loss). A published industrial study of this design reports top-5 next-key accuracy
 * ≈ 0.99 for the frequent model and ≈ 0.91 for the rare one; {@link DualLstm.topKAccuracy}
 * measures the same here.
 *
 * Score: the larger of the two models' maximum next-key ranks (an empty subsequence contributes
 * 0); a key in neither vocabulary scores above every rank.
 */
export class DualLstm implements Detector<SessionSet, DualLstmFitReport> {
  readonly name = "dual-lstm";
  readonly supervision = "semi-supervised" as const;
  private frequent: DeepLog | null = null;
  private rare: DeepLog | null = null;
  private frequentKeys = new Set<number>();
  private rareKeys = new Set<number>();
  /** Training histories of the last fit, per model. */
  histories: { frequent: EpochRecord[]; rare: EpochRecord[] } = { frequent: [], rare: [] };

  constructor(
    readonly params: DualLstmParams,
    private readonly rng: Rng,
  ) {
    if (!(params.rareShare > 0 && params.rareShare < 1)) throw new Error(`dual-lstm: rareShare must be in (0, 1), got ${params.rareShare}`);
  }

  /** Keys of the frequent and rare models (after fit or load). */
  get split(): { frequent: number[]; rare: number[] } {
    return { frequent: [...this.frequentKeys].sort((a, b) => a - b), rare: [...this.rareKeys].sort((a, b) => a - b) };
  }

  private partParams(window: number) {
    const p = this.params;
    return {
      ...DEEPLOG_DEFAULTS,
      window,
      layers: p.layers,
      hiddenUnits: p.hiddenUnits,
      embeddingDim: p.embeddingDim,
      padding: "left" as const,
      topG: p.topG,
      ...trainingParamsOf(p),
    };
  }

  /** The frequent-key and rare-key subsequences of sessions (non-empty ones, with their session index). */
  private parts(sequences: readonly (readonly number[])[]) {
    const f: number[][] = [];
    const fi: number[] = [];
    const r: number[][] = [];
    const ri: number[] = [];
    sequences.forEach((s, i) => {
      const fs = s.filter((k) => this.frequentKeys.has(k));
      const rs = s.filter((k) => this.rareKeys.has(k));
      if (fs.length > 0) {
        f.push(fs);
        fi.push(i);
      }
      if (rs.length > 0) {
        r.push(rs);
        ri.push(i);
      }
    });
    return { f, fi, r, ri };
  }

  async fit(train: SessionSet, validation?: SessionSet): Promise<DualLstmFitReport> {
    const t0 = performance.now();
    const sequences = normalSessions(train);
    this.dispose();
    const counts = tallyTemplates(sequences.flatMap((s) => s.map(String)));
    const total = counts.reduce((a, c) => a + c.count, 0);
    const split = frequentRareSplit(counts, Math.max(1, Math.ceil(this.params.rareShare * total)));
    this.frequentKeys = new Set(split.frequent.map((c) => Number(c.template)));
    this.rareKeys = new Set(split.rare.map((c) => Number(c.template)));
    const parts = this.parts(sequences);
    const valParts = validation ? this.parts(normalSessions(validation)) : null;
    const partFacts = { frequentSeconds: 0, rareSeconds: 0, frequentPairs: 0, rarePairs: 0 };
    const reasons: string[] = [];
    this.histories = { frequent: [], rare: [] };
    /** Creates and fits one part's DeepLog on its subsequences (when there are any), recording its history, stop reason and figures. */
    const fitPart = async (part: "frequent" | "rare", window: number, sequences: number[][], validationSequences: number[][] | undefined): Promise<void> => {
      if (sequences.length === 0) return;
      const model = new DeepLog(this.partParams(window), this.rng.fork(`dual-${part}`));
      this[part] = model;
      const r = await model.fit({ sequences }, validationSequences && validationSequences.length ? { sequences: validationSequences } : undefined);
      this.histories[part] = r.history ?? [];
      reasons.push(`${part}: ${r.stoppedBecause}`);
      partFacts[`${part}Seconds`] = r.seconds;
      partFacts[`${part}Pairs`] = r.distinctPairs;
    };
    await fitPart("frequent", this.params.window, parts.f, valParts?.f);
    await fitPart("rare", this.params.rareWindow, parts.r, valParts?.r);
    // The report's history is the frequent model's (the bulk of the data); both are in `histories`.
    return {
      seconds: (performance.now() - t0) / 1000,
      history: this.histories.frequent,
      curves: [
        { name: "frequent", history: this.histories.frequent },
        { name: "rare", history: this.histories.rare },
      ],
      stoppedBecause: reasons.join("; "),
      trainedOn: { count: partFacts.frequentPairs + partFacts.rarePairs, unit: "(window, next key) pairs" },
      frequentKeys: this.frequentKeys.size,
      rareKeys: this.rareKeys.size,
      frequentLines: split.frequentLines,
      rareLines: split.rareLines,
      ...partFacts,
    };
  }

  async score(x: SessionSet): Promise<Float64Array> {
    const out = new Float64Array(x.sequences.length);
    const parts = this.parts(x.sequences);
    const unknown = Math.max(this.frequent?.vocabulary.size ?? 0, this.rare?.vocabulary.size ?? 0) + 1;
    // Each session's score: the larger of its parts' scores (its subsequence `j` is session `of[j]`).
    const scorePart = async (model: DeepLog | null, sequences: number[][], of: number[]): Promise<void> => {
      if (!model || sequences.length === 0) return;
      const s = await model.score({ sequences });
      of.forEach((i, j) => (out[i] = Math.max(out[i]!, s[j]!)));
    };
    await scorePart(this.frequent, parts.f, parts.fi);
    await scorePart(this.rare, parts.r, parts.ri);
    x.sequences.forEach((seq, i) => {
      if (seq.some((k) => !this.frequentKeys.has(k) && !this.rareKeys.has(k))) out[i] = unknown;
    });
    return out;
  }

  /** Which part judges a key: the frequent model's, the rare model's, or neither (never seen in training). */
  partOf(key: number): "frequent" | "rare" | "unseen" {
    return this.frequentKeys.has(key) ? "frequent" : this.rareKeys.has(key) ? "rare" : "unseen";
  }

  /**
   * Per session and key, the rank of the key among its part model's predictions (the frequent
   * model for frequent keys, over the session's frequent-key subsequence; the rare model for rare
   * keys): 0 where the part model makes no prediction (a subsequence's first `window` keys, or a
   * part without a model), the part's V + 1 for a key it cannot rank, and one more than the larger
   * vocabulary for a key in neither part. `score` is the largest of these per session.
   */
  positionRanks(x: SessionSet): Int32Array[] {
    const out = x.sequences.map((s) => new Int32Array(s.length));
    const parts = this.parts(x.sequences);
    const unknown = Math.max(this.frequent?.vocabulary.size ?? 0, this.rare?.vocabulary.size ?? 0) + 1;
    const fill = (model: DeepLog | null, sequences: number[][], of: number[], keys: Set<number>): void => {
      if (!model || sequences.length === 0) return;
      const ranks = model.positionRanks({ sequences });
      of.forEach((i, j) => {
        let k = 0;
        x.sequences[i]!.forEach((key, pos) => {
          if (keys.has(key)) out[i]![pos] = ranks[j]![k++]!;
        });
      });
    };
    fill(this.frequent, parts.f, parts.fi, this.frequentKeys);
    fill(this.rare, parts.r, parts.ri, this.rareKeys);
    x.sequences.forEach((seq, i) => seq.forEach((k, pos) => {
      if (!this.frequentKeys.has(k) && !this.rareKeys.has(k)) out[i]![pos] = unknown;
    }));
    return out;
  }

  /** The frequent-key model's g (its top-g rule's default). */
  get topG(): number {
    return this.params.topG;
  }

  /**
   * Top-k next-key accuracy of each model over every next-key position (with repetition) of the
   * given sessions: the share whose true next key is among the model's k most likely keys.
   * Positions whose next key is unknown to the model count as misses.
   */
  topKAccuracy(x: SessionSet, k: number): DualTopKAccuracy {
    const parts = this.parts(x.sequences);
    const one = (model: DeepLog | null, seqs: number[][]): { acc: number; n: number } => {
      if (!model || seqs.length === 0) return { acc: NaN, n: 0 };
      const index = indexNextKeyWindows(seqs, { window: model.params.window, padding: "left", positions: true });
      const ranking = rankNextKeys(model.network(), index, model.vocabulary, model.params.inferenceBatchSize);
      let hit = 0;
      for (let p = 0; p < index.pairCount.length; p++) if (ranking.pairRank[p]! <= k) hit += index.pairCount[p]!;
      return { acc: index.totalPairs > 0 ? hit / index.totalPairs : NaN, n: index.totalPairs };
    };
    const f = one(this.frequent, parts.f);
    const r = one(this.rare, parts.r);
    return { k, frequent: f.acc, rare: r.acc, frequentPositions: f.n, rarePositions: r.n };
  }

  intrinsicThreshold(): number {
    return this.params.topG;
  }

  async save(dir: string): Promise<void> {
    await writeDirAtomic(dir, async (tmp) => {
      if (this.frequent) await this.frequent.save(join(tmp, "frequent"));
      if (this.rare) await this.rare.save(join(tmp, "rare"));
      writeJsonAtomic(join(tmp, META), {
        format: FORMAT,
        version: 1,
        params: this.params,
        frequentKeys: this.split.frequent,
        rareKeys: this.split.rare,
        hasFrequent: this.frequent !== null,
        hasRare: this.rare !== null,
      });
    }, { replaceIf: (entries) => entries.includes(META) });
  }

  static async load(dir: string): Promise<DualLstm> {
    const meta = readModelMeta<{ format: string; version: number; params: DualLstmParams; frequentKeys: number[]; rareKeys: number[]; hasFrequent: boolean; hasRare: boolean }>(dir, META, FORMAT, 1);
    const d = new DualLstm({ ...DUAL_LSTM_DEFAULTS, ...meta.params }, new Rng(0));
    d.frequentKeys = new Set(meta.frequentKeys);
    d.rareKeys = new Set(meta.rareKeys);
    if (meta.hasFrequent) d.frequent = await DeepLog.load(join(dir, "frequent"));
    if (meta.hasRare) d.rare = await DeepLog.load(join(dir, "rare"));
    return d;
  }

  dispose(): void {
    this.frequent?.dispose();
    this.rare?.dispose();
    this.frequent = null;
    this.rare = null;
  }
}
