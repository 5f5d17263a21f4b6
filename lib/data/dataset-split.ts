import { KEY_DATASET_SPECS, splitKeyDataset, type DatasetName, type KeyDatasetSpec, type KeyDatasetSplit } from "./key-dataset-split.js";
import { RAW_LOG_DATASET_SPECS, splitRawLogDataset, type RawLogDatasetSpec, type ShippedRawLogDatasetName } from "./raw-log-dataset.js";
import type { SplitFractions } from "../windows/chronological-split.js";

/** The spec of any dataset with a documented split. */
export function datasetSpecOf(name: DatasetName): KeyDatasetSpec | RawLogDatasetSpec {
  const spec = (KEY_DATASET_SPECS as Record<string, KeyDatasetSpec | undefined>)[name] ?? (RAW_LOG_DATASET_SPECS as Record<string, RawLogDatasetSpec | undefined>)[name];
  if (!spec) throw new Error(`unknown dataset "${name}" (known: ${[...Object.keys(KEY_DATASET_SPECS), ...Object.keys(RAW_LOG_DATASET_SPECS)].join(", ")})`);
  return spec;
}

/**
 * Splits any documented dataset: key files ({@link splitKeyDataset}) or a raw log windowed into
 * sessions ({@link splitRawLogDataset}; `maxPerFile` does not apply to it).
 *
 * @example
 * const bgl = splitDataset("bgl-2k-windows");
 */
export function splitDataset(name: DatasetName, options: { fractions?: SplitFractions; maxPerFile?: number } = {}): KeyDatasetSplit {
  const spec = datasetSpecOf(name);
  // datasetSpecOf only knows shipped raw logs (the synthetic one is generated: splitSyntheticLogDataset).
  return spec.kind === "key-files" ? splitKeyDataset(spec.name, options) : splitRawLogDataset(spec.name as ShippedRawLogDatasetName, { fractions: options.fractions });
}
