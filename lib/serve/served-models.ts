import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { loadLineClassifier } from "../classify/line-classifier-folder.js";
import type { LineClassifier } from "../classify/line-classifier.js";
import { loadOrTrainClassicLineClassifier, type TrainClassicLineOptions } from "../classify/train-classic-line-classifier.js";
import { ApiError } from "./api-error.js";
import { SessionDetector } from "./session-detector.js";

/** A line-classifier place the API knows: `model_type` (+ `bert_variant`) → a folder under the models folder. */
export interface ClassifierSlot {
  /** `ml`, `dann`, `lora`, `hybrid`. */
  key: string;
  modelType: "ml" | "bert";
  variant: "dann" | "lora" | "hybrid" | null;
  /** Folder under `--models`. */
  folder: string;
  /** Key in `/health`'s `models_loaded`. */
  healthKey: string;
  label: string;
}

/**
 * The four classifiers of the mirrored API. The classic one is always there (trained on first
 * start); a BERT variant is served when its folder holds a line-classifier card of a kind this
 * loglab can load (issue 13 adds the `bert` loader), else it is listed as not loaded, with why.
 */
export const CLASSIFIER_SLOTS: readonly ClassifierSlot[] = [
  { key: "ml", modelType: "ml", variant: null, folder: "classifier-ml", healthKey: "ml", label: "ML (tf-idf + logistic regression)" },
  { key: "dann", modelType: "bert", variant: "dann", folder: "classifier-bert-dann", healthKey: "dann_bert", label: "DANN-BERT" },
  { key: "lora", modelType: "bert", variant: "lora", folder: "classifier-bert-lora", healthKey: "lora_bert", label: "LoRA-BERT" },
  { key: "hybrid", modelType: "bert", variant: "hybrid", folder: "classifier-bert-hybrid", healthKey: "hybrid_bert", label: "Hybrid-BERT" },
];

/** Folder of session detectors under `--models`: one sub-folder per detector. */
export const DETECTORS_FOLDER = "detectors";

/** A classifier slot and what loading it gave. */
export interface ServedClassifier {
  slot: ClassifierSlot;
  dir: string;
  classifier: LineClassifier | null;
  /** Why it is not loaded (null when loaded). */
  reason: string | null;
}

/** A session detector folder and what loading it gave. */
export interface ServedDetector {
  name: string;
  dir: string;
  detector: SessionDetector | null;
  reason: string | null;
}

/** Options of {@link loadServedModels}. */
export interface LoadServedModelsOptions {
  /** Train and save the classic classifier when its folder is empty (default true). */
  trainIfMissing?: boolean;
  /** Options of that training (default: all 16 systems; tests train on fewer lines). */
  trainOptions?: TrainClassicLineOptions;
  /** Messages for the operator (training, load failures). */
  onMessage?: (message: string) => void;
}

/**
 * A path under `root` for a name, or an error: names are single path segments of letters,
 * digits, `.`, `_` and `-` (no `..`), and the resolved path must stay inside `root`.
 */
export function pathInside(root: string, name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) || name.includes("..")) throw new ApiError(400, "invalid_request", `"${name}" is not a model name (letters, digits, ".", "_", "-")`);
  const base = resolve(root);
  const p = resolve(base, name);
  const rel = relative(base, p);
  if (rel === "" || rel.startsWith("..") || rel.includes(sep)) throw new ApiError(400, "invalid_request", `"${name}" is outside the models folder`);
  return p;
}

/** Everything the server serves, loaded once at start. */
export class ServedModels {
  constructor(
    readonly modelsDir: string,
    readonly classifiers: readonly ServedClassifier[],
    readonly detectors: readonly ServedDetector[],
  ) {}

  /**
   * The classifier a request asks for: no `model_type` → `ml`; `bert` without a variant → the
   * first loaded BERT variant. Unknown or not loaded → 404 `model_not_available` naming why.
   */
  pick(modelType: string | undefined, variant: string | undefined): ServedClassifier {
    const type = modelType ?? "ml";
    let slot: ServedClassifier | undefined;
    if (type === "ml") slot = this.classifiers.find((c) => c.slot.key === "ml");
    else if (type === "bert") {
      const bert = this.classifiers.filter((c) => c.slot.modelType === "bert");
      slot = variant ? bert.find((c) => c.slot.variant === variant) : (bert.find((c) => c.classifier) ?? bert[0]);
    }
    if (!slot) throw new ApiError(404, "model_not_available", `no model of type "${type}"${variant ? ` and variant "${variant}"` : ""}`);
    if (!slot.classifier) throw new ApiError(404, "model_not_available", `${slot.slot.label} is not loaded: ${slot.reason}`);
    return slot;
  }

  /** A loaded detector by name (names cannot leave the models folder). */
  detector(name: string): SessionDetector {
    pathInside(join(this.modelsDir, DETECTORS_FOLDER), name);
    const d = this.detectors.find((x) => x.name === name);
    if (!d) throw new ApiError(404, "model_not_available", `no session detector "${name}" (loaded: ${this.detectors.filter((x) => x.detector).map((x) => x.name).join(", ") || "none"})`);
    if (!d.detector) throw new ApiError(404, "model_not_available", `session detector "${name}" is not loaded: ${d.reason}`);
    return d.detector;
  }

  dispose(): void {
    for (const c of this.classifiers) c.classifier?.dispose();
    for (const d of this.detectors) d.detector?.dispose();
  }
}

/** Loads (and, on a first start, trains) every model under `modelsDir`. */
export async function loadServedModels(modelsDir: string, options: LoadServedModelsOptions = {}): Promise<ServedModels> {
  const say = options.onMessage ?? ((): void => undefined);
  const classifiers: ServedClassifier[] = [];
  for (const slot of CLASSIFIER_SLOTS) {
    const dir = join(modelsDir, slot.folder);
    try {
      if (slot.key === "ml" && options.trainIfMissing !== false) {
        const r = await loadOrTrainClassicLineClassifier(dir, {
          ...options.trainOptions,
          onTrain: (d) => say(`no 7-class model in ${d}: training the classic one on the shipped LogHub 2k data (takes seconds) …`),
          onProgress: (m) => say(`  ${m}`),
        });
        if (r.trained) say(`trained in ${r.trained.seconds.toFixed(1)} s and saved to ${dir}`);
        classifiers.push({ slot, dir, classifier: r.classifier, reason: null });
      } else if (!existsSync(dir)) {
        classifiers.push({ slot, dir, classifier: null, reason: `no model folder ${dir}` });
      } else {
        classifiers.push({ slot, dir, classifier: await loadLineClassifier(dir), reason: null });
      }
    } catch (err) {
      const reason = (err as Error).message;
      say(`${slot.label} not loaded: ${reason}`);
      classifiers.push({ slot, dir, classifier: null, reason });
    }
  }
  const detectors: ServedDetector[] = [];
  const detDir = join(modelsDir, DETECTORS_FOLDER);
  if (existsSync(detDir)) {
    for (const name of readdirSync(detDir).sort()) {
      const dir = join(detDir, name);
      if (!statSync(dir).isDirectory() || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name)) continue;
      try {
        detectors.push({ name, dir, detector: await SessionDetector.load(dir, name), reason: null });
      } catch (err) {
        const reason = (err as Error).message;
        say(`session detector ${name} not loaded: ${reason}`);
        detectors.push({ name, dir, detector: null, reason });
      }
    }
  }
  return new ServedModels(modelsDir, classifiers, detectors);
}
