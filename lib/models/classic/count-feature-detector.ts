import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import type { CountNormalization, TermWeighting } from "../../features/tfidf.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, FitReport, SessionSet, Supervision } from "../detector.js";
import { classicCoreFromJSON, type ClassicCore, type ClassicCoreJson } from "./classic-core.js";
import { checkOneOf } from "./feature-rows.js";
import { SessionFeatures, type SessionFeatureOptions, type SessionFeaturesJson } from "./session-features.js";
import { balancedClassWeights, smote } from "./smote.js";

/** File a classic detector saves into its folder. */
export const CLASSIC_MODEL_FILE = "classic-model.json";

/** Feature parameters shared by every count-matrix detector (loglizer's FeatureExtractor). */
export interface CountFeatureParams {
  termWeighting: TermWeighting;
  normalization: CountNormalization;
  /** Sessions a key must occur in to get its own column (default 1). */
  minCount: number;
}

/** Class balancing of supervised detectors. */
export interface BalanceParams {
  /** "none", "class-weight" (sklearn's balanced weights) or "smote" (Chawla et al. 2002). */
  balance: "none" | "class-weight" | "smote";
  /** SMOTE neighbours (default 5). */
  smoteK: number;
}

/** What a classic detector saves. */
interface ClassicDetectorJson {
  format: "loglab.classic-detector";
  version: 1;
  name: string;
  supervision: Supervision;
  params: Record<string, unknown>;
  seed: number;
  features: SessionFeaturesJson;
  core: ClassicCoreJson;
}

function featureOptions(p: CountFeatureParams): SessionFeatureOptions {
  return {
    termWeighting: checkOneOf("termWeighting", p.termWeighting, ["none", "tf-idf"] as const),
    normalization: checkOneOf("normalization", p.normalization, ["none", "zero-mean", "sigmoid"] as const),
    minCount: p.minCount,
  };
}

/** Facts about a fitted classic core (each present when the algorithm has it). */
export interface ClassicCoreFacts {
  /** The algorithm (`pca-spe`, `gbdt`, …). */
  model: string;
  components?: number;
  intrinsicThreshold?: number;
  invariants?: number;
  invariantSpaceDimension?: number;
  clusters?: number;
  trees?: number;
  converged?: boolean;
  /** Why an iterative core (GBDT's early stopping) stopped. */
  coreStoppedBecause?: string;
}

/** What {@link CountFeatureDetector.fit} reports. */
export interface ClassicFitReport extends FitReport, ClassicCoreFacts {
  /** Feature rows the core was fitted on (after SMOTE, before merging duplicates). */
  fitRows: number;
  /** Event-count columns (train keys). */
  vocabulary: number;
  /** Outlier models given labelled data: the anomalous sessions left out. */
  ignoredAnomalies?: number;
  /** Synthetic rows SMOTE added. */
  smoteAdded?: number;
}

/**
 * A classic detector on sessions: event-count features fit on training sessions
 * ({@link SessionFeatures}), then an outlier model or a classifier. Supervised detectors score
 * P(anomalous) (decision value for the SVM); unsupervised ones their own anomaly score.
 *
 * Unsupervised detectors given labelled training data fit on its normal sessions only.
 */
export class CountFeatureDetector implements Detector<SessionSet, ClassicFitReport> {
  private features: SessionFeatures | null = null;
  private core: ClassicCore | null = null;

  constructor(
    readonly name: string,
    readonly supervision: Supervision,
    readonly params: CountFeatureParams & Partial<BalanceParams> & Record<string, unknown>,
    private readonly makeCore: (rng: Rng) => ClassicCore,
    private readonly rng: Rng,
  ) {
    featureOptions(params);
    if (supervision === "supervised") checkOneOf("balance", String(params.balance ?? "none"), ["none", "class-weight", "smote"] as const);
  }

  /** The fitted model behind the detector (throws before fit). */
  get fitted(): ClassicCore {
    if (!this.core) throw new Error(`${this.name}: not fitted`);
    return this.core;
  }

  intrinsicThreshold(): number | null {
    const core = this.fitted;
    return core.type === "outlier" ? core.model.intrinsicThreshold : null;
  }

  async fit(train: SessionSet, validation?: SessionSet): Promise<ClassicFitReport> {
    const t0 = performance.now();
    if (train.sequences.length === 0) throw new Error(`${this.name}: no training sessions`);
    const info: { ignoredAnomalies?: number; smoteAdded?: number } = {};
    let fitRows = 0;
    let sequences = train.sequences;
    const labels = train.labels;
    if (labels && labels.length !== sequences.length) throw new Error(`${this.name}: ${sequences.length} training sessions but ${labels.length} labels`);
    const core = this.makeCore(this.rng.fork("core"));
    if (core.type === "outlier") {
      if (labels) {
        const normal = sequences.filter((_, i) => labels[i] === 0);
        info.ignoredAnomalies = sequences.length - normal.length;
        sequences = normal;
        if (sequences.length === 0) throw new Error(`${this.name}: no normal training sessions`);
      }
      this.features = SessionFeatures.fit(sequences, featureOptions(this.params));
      const { rows } = this.features.transform(sequences);
      core.model.fit(rows);
      fitRows = rows.length;
    } else {
      if (!labels) throw new Error(`${this.name} is supervised: training sessions need labels (1 = anomalous); give abnormal sessions too`);
      let pos = 0;
      for (let i = 0; i < labels.length; i++) pos += labels[i]!;
      if (pos === 0 || pos === labels.length) throw new Error(`${this.name} is supervised: training data need both normal and anomalous sessions (got ${pos} anomalous of ${labels.length})`);
      this.features = SessionFeatures.fit(sequences, featureOptions(this.params));
      let rows: Float64Array[] = this.features.transform(sequences).rows;
      let y: ArrayLike<number> = labels;
      let weights: Float64Array | undefined;
      const balance = String(this.params.balance ?? "none");
      if (balance === "smote") {
        const s = smote(rows, labels, { k: Number(this.params.smoteK ?? 5) }, this.rng.fork("smote"));
        rows = s.x;
        y = s.y;
        info.smoteAdded = s.added.reduce((a, b) => a + b, 0);
      } else if (balance === "class-weight") weights = balancedClassWeights(labels, 2);
      const val = validation && validation.labels ? { x: this.features.transform(validation.sequences).rows, y: validation.labels } : undefined;
      core.model.fit(rows, y, { nClasses: 2, sampleWeights: weights, validation: val });
      fitRows = rows.length;
    }
    this.core = core;
    return { seconds: (performance.now() - t0) / 1000, trainedOn: { count: fitRows, unit: "rows" }, fitRows, vocabulary: this.features.vocabulary.size, ...info, ...coreFacts(core) };
  }

  async score(x: SessionSet): Promise<Float64Array> {
    if (!this.features || !this.core) throw new Error(`${this.name}: score before fit`);
    if (x.sequences.length === 0) return new Float64Array(0);
    const { rows } = this.features.transform(x.sequences);
    const core = this.core;
    if (core.type === "outlier") return core.model.score(rows);
    return Float64Array.from(core.model.decisionScores(rows), (s) => s[1]!);
  }

  async save(dir: string): Promise<void> {
    if (!this.features || !this.core) throw new Error(`${this.name}: save before fit`);
    const json: ClassicDetectorJson = {
      format: "loglab.classic-detector",
      version: 1,
      name: this.name,
      supervision: this.supervision,
      params: this.params,
      seed: this.rng.seed,
      features: this.features.toJSON(),
      core: { type: this.core.type, model: this.core.model.toJSON() },
    };
    writeJsonAtomic(join(dir, CLASSIC_MODEL_FILE), json);
  }

  dispose(): void {}

  /**
   * Loads a detector saved by {@link CountFeatureDetector.save}. `expectedName` guards against
   * loading another model's folder under the wrong registry entry.
   */
  static async load(dir: string, expectedName: string, makeCore: (rng: Rng) => ClassicCore): Promise<CountFeatureDetector> {
    const path = join(dir, CLASSIC_MODEL_FILE);
    if (!existsSync(path)) throw new Error(`${dir}: no ${CLASSIC_MODEL_FILE} (not a saved classic detector)`);
    const json = JSON.parse(readFileSync(path, "utf8")) as ClassicDetectorJson;
    if (json.format !== "loglab.classic-detector" || json.version !== 1) throw new Error(`${path}: not a loglab classic detector v1`);
    if (json.name !== expectedName) throw new Error(`${path}: holds model "${json.name}", not "${expectedName}"`);
    const rng = new Rng(json.seed);
    const d = new CountFeatureDetector(json.name, json.supervision, json.params as CountFeatureDetector["params"], makeCore, rng);
    d.features = SessionFeatures.fromJSON(json.features);
    d.core = classicCoreFromJSON(json.core, rng);
    return d;
  }
}

/** A few facts about a fitted core, for the fit report. */
function coreFacts(core: ClassicCore): ClassicCoreFacts {
  const m = core.model.toJSON() as Record<string, unknown>;
  const out: ClassicCoreFacts = { model: core.model.kind };
  if (Array.isArray(m.components)) out.components = (m.components as unknown[]).length;
  if (typeof m.threshold === "number") out.intrinsicThreshold = m.threshold;
  if (Array.isArray(m.invariants)) out.invariants = (m.invariants as unknown[]).length;
  if (typeof m.estimatedDimension === "number") out.invariantSpaceDimension = m.estimatedDimension;
  if (Array.isArray(m.centroids)) out.clusters = (m.centroids as unknown[]).length;
  if (Array.isArray(m.trees)) out.trees = (m.trees as unknown[]).length;
  if (typeof m.converged === "boolean") out.converged = m.converged;
  if (typeof m.stoppedBecause === "string" && m.stoppedBecause) out.coreStoppedBecause = m.stoppedBecause;
  return out;
}
