import * as tf from "@tensorflow/tfjs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic-write.js";

/** File names inside a saved-model folder. */
export const MODEL_JSON = "model.json";
export const WEIGHTS_BIN = "weights.bin";

function toArrayBuffer(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (Array.isArray(data)) return tf.io.concatenateArrayBuffers(data);
  return data as ArrayBuffer;
}

/**
 * A TF.js IOHandler that saves a model to a folder as `model.json` + `weights.bin` (the layout
 * of tfjs' own `file://` handler, which needs tfjs-node and so is unavailable here) and loads it
 * back. Each file is written atomically (temp name, then rename), weights first, so a reader
 * never sees a model.json pointing at missing or partial weights.
 *
 * @example
 * await model.save(folderIOHandler("models/deeplog"));
 * const again = await tf.loadLayersModel(folderIOHandler("models/deeplog"));
 */
export function folderIOHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weights = toArrayBuffer(artifacts.weightData);
      writeFileAtomic(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
      const modelJson = {
        format: artifacts.format ?? "layers-model",
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      };
      writeJsonAtomic(join(dir, MODEL_JSON), modelJson);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology ?? null).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const modelPath = join(dir, MODEL_JSON);
      if (!existsSync(modelPath)) throw new Error(`No saved model at ${dir}: ${MODEL_JSON} is missing`);
      let json: {
        modelTopology?: object;
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        trainingConfig?: tf.io.TrainingConfig;
        userDefinedMetadata?: Record<string, unknown>;
        weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      };
      try {
        json = JSON.parse(readFileSync(modelPath, "utf8"));
      } catch (err) {
        throw new Error(`${modelPath} is not valid JSON: ${(err as Error).message}`);
      }
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of json.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) {
          const file = join(dir, p);
          if (!existsSync(file)) throw new Error(`${modelPath} names weights file ${p}, which is missing`);
          const buf = readFileSync(file);
          buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
        }
      }
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? undefined,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata as tf.io.ModelArtifacts["userDefinedMetadata"],
        weightSpecs: specs,
        weightData: tf.io.concatenateArrayBuffers(buffers),
      };
    },
  };
}

/** Saves a layers model into `dir` (model.json + weights.bin). */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(folderIOHandler(dir));
}

/** Loads a layers model saved by {@link saveLayersModel}. Custom layers must be registered first. */
export async function loadLayersModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(folderIOHandler(dir));
}

/**
 * Saves a set of named tensors (the weights of a model trained with a custom loop) as
 * `<name>.json` (the weight specs) + `<name>.bin`, atomically.
 */
export async function saveNamedTensors(dir: string, name: string, tensors: Record<string, tf.Tensor>): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  writeFileAtomic(join(dir, `${name}.bin`), new Uint8Array(toArrayBuffer(data)));
  writeJsonAtomic(join(dir, `${name}.json`), { format: "loglab.tensors", version: 1, specs });
}

/** Loads tensors saved by {@link saveNamedTensors}. The caller owns (and disposes) them. */
export function loadNamedTensors(dir: string, name: string): Record<string, tf.Tensor> {
  const specPath = join(dir, `${name}.json`);
  const binPath = join(dir, `${name}.bin`);
  if (!existsSync(specPath) || !existsSync(binPath)) throw new Error(`No saved tensors "${name}" in ${dir}`);
  const meta = JSON.parse(readFileSync(specPath, "utf8")) as { format?: string; version?: number; specs: tf.io.WeightsManifestEntry[] };
  if (meta.format !== "loglab.tensors" || meta.version !== 1) {
    throw new Error(`${specPath}: unknown format ${meta.format} v${meta.version} (expected loglab.tensors v1)`);
  }
  const buf = readFileSync(binPath);
  return tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, meta.specs);
}
