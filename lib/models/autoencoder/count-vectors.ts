import { SessionFeatures, type SessionFeaturesJson } from "../classic/session-features.js";

/** A saved {@link CountVectorizer}. */
export interface CountVectorizerJson {
  format: "loglab.ae-count-vectors";
  version: 1;
  features: SessionFeaturesJson;
  /** log1p of each column's largest training count (the scale). */
  scale: number[];
}

/**
 * Event-count vectors for autoencoders: the classic event-count matrix over the training
 * vocabulary plus an out-of-vocabulary column (features/count-matrix.ts via SessionFeatures),
 * then log1p(count) / log1p(max training count of the column), so every column is in [0, 1] on
 * training data (a column never seen in training has scale 1). A key never seen in training
 * lands in the OOV column, which is 0 throughout training: the autoencoder cannot reconstruct it.
 */
export class CountVectorizer {
  private constructor(
    private readonly features: SessionFeatures,
    private readonly scale: Float64Array,
  ) {}

  static fit(sequences: readonly (readonly number[])[]): CountVectorizer {
    const features = SessionFeatures.fit(sequences, { termWeighting: "none", normalization: "none", minCount: 1 });
    const { rows } = features.transform(sequences);
    const cols = rows[0]?.length ?? 0;
    const scale = new Float64Array(cols).fill(0);
    for (const r of rows) for (let j = 0; j < cols; j++) scale[j] = Math.max(scale[j]!, Math.log1p(r[j]!));
    for (let j = 0; j < cols; j++) if (scale[j] === 0) scale[j] = 1;
    return new CountVectorizer(features, scale);
  }

  static fromJSON(json: CountVectorizerJson): CountVectorizer {
    if (json?.format !== "loglab.ae-count-vectors" || json.version !== 1) throw new Error(`not loglab autoencoder count vectors v1 (format ${String(json?.format)})`);
    return new CountVectorizer(SessionFeatures.fromJSON(json.features), Float64Array.from(json.scale));
  }

  toJSON(): CountVectorizerJson {
    return { format: "loglab.ae-count-vectors", version: 1, features: this.features.toJSON(), scale: Array.from(this.scale) };
  }

  /** Columns per vector (vocabulary + OOV). */
  get width(): number {
    return this.scale.length;
  }

  /** Scaled count vectors, one Float32Array per session. */
  transform(sequences: readonly (readonly number[])[]): Float32Array[] {
    const { rows } = this.features.transform(sequences);
    return rows.map((r) => Float32Array.from(r, (v, j) => Math.log1p(v) / this.scale[j]!));
  }
}

/** Distinct rows with counts (and, per input row, its distinct row): training per distinct vector. */
export function distinctRows(rows: readonly Float32Array[]): { rows: Float32Array[]; counts: Float32Array; rowOf: Int32Array } {
  const ids = new Map<string, number>();
  const out: Float32Array[] = [];
  const counts: number[] = [];
  const rowOf = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const key = Array.from(r).join(",");
    let id = ids.get(key);
    if (id === undefined) {
      id = out.length;
      ids.set(key, id);
      out.push(r);
      counts.push(0);
    }
    counts[id]!++;
    rowOf[i] = id;
  });
  return { rows: out, counts: Float32Array.from(counts), rowOf };
}
