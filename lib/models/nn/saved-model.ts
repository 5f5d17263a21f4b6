import * as tf from "@tensorflow/tfjs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeDirAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { loadLayersModel, saveLayersModel } from "../../runtime/model-io.js";
import "./register-layers.js";

/** Metadata written beside a saved TF.js model: what it is and everything besides the weights. */
export interface SavedModelMeta<P> {
  format: string;
  version: number;
  params: P;
  [key: string]: unknown;
}

/**
 * Saves `models` (name → LayersModel) into `dir` through the runtime's folder IOHandler, one
 * sub-folder per model (`<name>/model.json` + `weights.bin`), and `meta` as `<metaFile>`.
 */
export async function saveModelsWithMeta(dir: string, metaFile: string, meta: SavedModelMeta<unknown>, models: Record<string, tf.LayersModel>): Promise<void> {
  for (const [name, model] of Object.entries(models)) await saveLayersModel(model, join(dir, name));
  writeJsonAtomic(join(dir, metaFile), meta);
}

/**
 * Writes a whole model folder atomically: {@link saveModelsWithMeta} into a temporary folder
 * (then `alsoWrite`, for files besides the models and the metadata) that replaces `dir` at once.
 */
export function saveModelFolder(
  dir: string,
  metaFile: string,
  meta: SavedModelMeta<unknown>,
  models: Record<string, tf.LayersModel>,
  alsoWrite?: (tmpDir: string) => void,
): Promise<void> {
  return writeDirAtomic(
    dir,
    async (tmp) => {
      await saveModelsWithMeta(tmp, metaFile, meta, models);
      alsoWrite?.(tmp);
    },
    { replaceIf: (entries) => entries.includes(metaFile) }, // an earlier save of a model
  );
}

/** Reads the metadata saved by {@link saveModelsWithMeta}, checking its format and version. */
export function readModelMeta<M extends SavedModelMeta<unknown>>(dir: string, metaFile: string, format: string, version: number): M {
  const path = join(dir, metaFile);
  if (!existsSync(path)) throw new Error(`${dir}: ${metaFile} is missing (not a saved ${format} model)`);
  let meta: M;
  try {
    meta = JSON.parse(readFileSync(path, "utf8")) as M;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (meta.format !== format) throw new Error(`${path}: format is ${JSON.stringify(meta.format)}, expected "${format}"`);
  if (meta.version !== version) throw new Error(`${path}: version ${meta.version} is not supported (expected ${version})`);
  return meta;
}

/** Loads one model saved by {@link saveModelsWithMeta} (custom layers are registered by importing this module). */
export function loadSavedModel(dir: string, name: string): Promise<tf.LayersModel> {
  return loadLayersModel(join(dir, name));
}
