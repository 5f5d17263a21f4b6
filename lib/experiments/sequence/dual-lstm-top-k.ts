import { normalSubset } from "../../models/sequence/session-subsets.js";
import type { AnyDetectionResult } from "../detection/detection-experiment.js";
import type { LabelledSessions } from "../detection/experiment-model.js";

/** Top-k next-key accuracy of one of the dual LSTM's models. */
export type DualTopKRow = {
  dataset: string;
  model: "frequent-key LSTM" | "rare-key LSTM";
  k: number;
  accuracy: number;
  /** Next-key positions evaluated (with repetition). */
  positions: number;
  keys: number;
  /** The published industrial figure (other data; for orientation). */
  published: number;
};

/**
 * The dual LSTMs' top-k accuracy over every next-key position of the test **normals**, next to
 * the published industrial figures (0.99 frequent, 0.91 rare), for each dual-LSTM result.
 */
export function dualTopKRows(dataset: string, results: readonly AnyDetectionResult[], test: LabelledSessions, k = 5): DualTopKRow[] {
  const out: DualTopKRow[] = [];
  for (const r of results) {
    if (r.model !== "dual-lstm") continue;
    const acc = r.detector.topKAccuracy(normalSubset(test), k);
    out.push(
      { dataset, model: "frequent-key LSTM", k, accuracy: acc.frequent, positions: acc.frequentPositions, keys: r.fit.frequentKeys, published: 0.99 },
      { dataset, model: "rare-key LSTM", k, accuracy: acc.rare, positions: acc.rarePositions, keys: r.fit.rareKeys, published: 0.91 },
    );
  }
  return out;
}
