import * as tf from "@tensorflow/tfjs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic-write.js";
import { sha256 } from "../io/file-hash.js";

/** File names inside a saved-model folder. */
export const MODEL_JSON = "model.json";
export const WEIGHTS_BIN = "weights.bin";

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2, complex64: 8 };

/** Bytes the weight specs describe (quantized weights: their stored dtype), or null when a spec is not understood. */
function specBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const s of specs) {
    const per = s.quantization ? DTYPE_BYTES[s.quantization.dtype] : DTYPE_BYTES[s.dtype];
    if (per === undefined || !Array.isArray(s.shape) || s.dtype === "string") return null;
    total += per * s.shape.reduce((a, b) => a * b, 1);
  }
  return total;
}

/**
 * Checks weight bytes against their specs and the size and SHA-256 recorded when they were saved,
 * so a truncated, padded or damaged weights file is an error naming it (TF.js alone gives a shape
 * error naming no file, or loads garbage that scores NaN).
 */
function checkWeightBytes(bytes: Uint8Array, file: string, specsFile: string, specs: readonly tf.io.WeightsManifestEntry[], recorded: { bytes?: unknown; sha256?: unknown } | undefined): void {
  const need = specBytes(specs);
  if (need !== null && bytes.length !== need) throw new Error(`${file}: ${bytes.length} bytes, but ${specsFile}'s weight specs need ${need}: the file is truncated, padded or belongs to another model`);
  if (recorded && typeof recorded.sha256 === "string") {
    const got = sha256(bytes);
    if (got !== recorded.sha256) throw new Error(`${file}: checksum mismatch (${specsFile} records ${recorded.sha256.slice(0, 12)}…, the file hashes to ${got.slice(0, 12)}…): the weights were damaged or replaced after they were saved`);
  }
}

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
        /** loglab's addition (TF.js ignores it): what weights.bin held when saved, checked on load. */
        loglabWeights: { bytes: weights.byteLength, sha256: sha256(new Uint8Array(weights)) },
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
        loglabWeights?: { bytes?: unknown; sha256?: unknown };
      };
      try {
        json = JSON.parse(readFileSync(modelPath, "utf8"));
      } catch (err) {
        throw new Error(`${modelPath} is not valid JSON: ${(err as Error).message}`);
      }
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      if (json === null || typeof json !== "object" || !Array.isArray(json.weightsManifest ?? [])) throw new Error(`${modelPath}: not a TF.js model.json (no weightsManifest list)`);
      const files: string[] = [];
      for (const group of json.weightsManifest ?? []) {
        if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new Error(`${modelPath}: a weightsManifest entry lacks paths or weights`);
        specs.push(...group.weights);
        for (const p of group.paths) {
          const file = join(dir, p);
          if (!existsSync(file)) throw new Error(`${modelPath} names weights file ${p}, which is missing`);
          const buf = readFileSync(file);
          files.push(file);
          buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
        }
      }
      const all = new Uint8Array(tf.io.concatenateArrayBuffers(buffers));
      checkWeightBytes(all, files.length === 1 ? files[0]! : files.join(" + "), modelPath, specs, json.loglabWeights);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? undefined,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata as tf.io.ModelArtifacts["userDefinedMetadata"],
        weightSpecs: specs,
        weightData: all.buffer as ArrayBuffer,
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
  const bytes = new Uint8Array(toArrayBuffer(data));
  writeFileAtomic(join(dir, `${name}.bin`), bytes);
  writeJsonAtomic(join(dir, `${name}.json`), { format: "loglab.tensors", version: 1, specs, bytes: bytes.length, sha256: sha256(bytes) });
}

/** Loads tensors saved by {@link saveNamedTensors}. The caller owns (and disposes) them. */
export function loadNamedTensors(dir: string, name: string): Record<string, tf.Tensor> {
  const specPath = join(dir, `${name}.json`);
  const binPath = join(dir, `${name}.bin`);
  if (!existsSync(specPath) || !existsSync(binPath)) throw new Error(`No saved tensors "${name}" in ${dir}`);
  let meta: { format?: string; version?: number; specs: tf.io.WeightsManifestEntry[]; bytes?: unknown; sha256?: unknown };
  try {
    meta = JSON.parse(readFileSync(specPath, "utf8"));
  } catch (err) {
    throw new Error(`${specPath}: not valid JSON (${(err as Error).message})`);
  }
  if (meta === null || typeof meta !== "object" || meta.format !== "loglab.tensors" || meta.version !== 1) {
    throw new Error(`${specPath}: unknown format ${meta?.format} v${meta?.version} (expected loglab.tensors v1)`);
  }
  if (!Array.isArray(meta.specs)) throw new Error(`${specPath}: specs must be a list`);
  const buf = readFileSync(binPath);
  checkWeightBytes(buf, binPath, specPath, meta.specs, meta);
  return tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, meta.specs);
}
