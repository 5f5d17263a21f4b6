/**
 * Event-count matrices from log-key sequences: the input of loglizer's classic detectors
 * (He et al., "Experience Report: System Log Analysis for Anomaly Detection", ISSRE'16, §III-C:
 * one row per session, one column per event, the value is how often the event occurs).
 *
 * The vocabulary (which keys get a column) is fit on training sessions only; every key never seen
 * there is counted in one out-of-vocabulary column, so a new key in test data is a feature, not
 * a crash.
 */

/** A saved {@link KeyVocabulary}. */
export interface KeyVocabularyJson {
  format: "loglab.key-vocabulary";
  version: 1;
  /** Keys that have their own column, in column order (ascending). */
  keys: number[];
  /** Training occurrences of each key. */
  counts: number[];
  minCount: number;
}

/** Options of {@link KeyVocabulary.fit}. */
export interface KeyVocabularyOptions {
  /**
   * A key needs at least this many training sessions containing it to get its own column
   * (loglizer's `min_count`); rarer keys go to the out-of-vocabulary column. Default 1.
   */
  minCount?: number;
}

/**
 * The columns of an event-count matrix: one per log key kept from training (ascending key order),
 * then one out-of-vocabulary column (index {@link KeyVocabulary.oovColumn}).
 *
 * @example
 * const vocab = KeyVocabulary.fit([[5, 5, 22], [5, 11]]);
 * vocab.keys;        // [5, 11, 22]
 * vocab.column(11);  // 1
 * vocab.column(99);  // 3 (the OOV column)
 */
export class KeyVocabulary {
  private readonly index: Map<number, number>;

  private constructor(
    /** Keys with their own column, ascending. */
    readonly keys: readonly number[],
    /** Training occurrences of each kept key. */
    readonly counts: readonly number[],
    readonly minCount: number,
  ) {
    this.index = new Map(keys.map((k, i) => [k, i]));
    if (this.index.size !== keys.length) throw new Error("KeyVocabulary: duplicate keys");
  }

  /** Fits the vocabulary on training sessions (never on test data). */
  static fit(sequences: readonly (readonly number[])[], options: KeyVocabularyOptions = {}): KeyVocabulary {
    const minCount = options.minCount ?? 1;
    if (!(Number.isInteger(minCount) && minCount >= 1)) throw new Error(`KeyVocabulary: minCount must be an integer >= 1, got ${minCount}`);
    const occurrences = new Map<number, number>();
    const sessionsWith = new Map<number, number>();
    for (const seq of sequences) {
      const seen = new Set<number>();
      for (const k of seq) {
        occurrences.set(k, (occurrences.get(k) ?? 0) + 1);
        seen.add(k);
      }
      for (const k of seen) sessionsWith.set(k, (sessionsWith.get(k) ?? 0) + 1);
    }
    const keys = [...occurrences.keys()].filter((k) => sessionsWith.get(k)! >= minCount).sort((a, b) => a - b);
    return new KeyVocabulary(keys, keys.map((k) => occurrences.get(k)!), minCount);
  }

  /** Restores a vocabulary saved by {@link KeyVocabulary.toJSON}. */
  static fromJSON(json: KeyVocabularyJson): KeyVocabulary {
    if (json.format !== "loglab.key-vocabulary" || json.version !== 1) {
      throw new Error(`not a loglab key vocabulary v1 (format ${String(json.format)}, version ${String(json.version)})`);
    }
    if (json.keys.length !== json.counts.length) throw new Error(`key vocabulary: ${json.keys.length} keys but ${json.counts.length} counts`);
    return new KeyVocabulary(json.keys, json.counts, json.minCount);
  }

  /** Number of keys with their own column. */
  get size(): number {
    return this.keys.length;
  }

  /** Index of the out-of-vocabulary column (the last one). */
  get oovColumn(): number {
    return this.keys.length;
  }

  /** Number of columns: one per key plus the OOV column. */
  get width(): number {
    return this.keys.length + 1;
  }

  /** True when the key has its own column. */
  has(key: number): boolean {
    return this.index.has(key);
  }

  /** The column of a key: its own, or the OOV column. */
  column(key: number): number {
    return this.index.get(key) ?? this.keys.length;
  }

  /** Column names, e.g. `["E5", "E11", "OOV"]` (for tables and plots). */
  columnNames(): string[] {
    return [...this.keys.map((k) => `E${k}`), "OOV"];
  }

  toJSON(): KeyVocabularyJson {
    return { format: "loglab.key-vocabulary", version: 1, keys: [...this.keys], counts: [...this.counts], minCount: this.minCount };
  }
}

/** A sparse matrix in compressed-sparse-row form (row i's entries are `indptr[i] .. indptr[i+1]-1`). */
export interface SparseMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  /** Column of each stored entry (ascending within a row). */
  indices: Int32Array;
  values: Float64Array;
}

/** What {@link countMatrix} returns: the matrix and how much of the input fell outside the vocabulary. */
export interface CountMatrixResult {
  matrix: SparseMatrix;
  /** Out-of-vocabulary occurrences per row (also the value of the OOV column). */
  oovPerRow: Int32Array;
  oov: {
    /** Rows with at least one key outside the vocabulary. */
    sessions: number;
    /** Total occurrences of such keys. */
    occurrences: number;
    /** The distinct unseen keys, ascending. */
    keys: number[];
  };
}

/**
 * The event-count matrix of `sequences` over a fitted vocabulary: entry (i, j) is how often the
 * key of column j occurs in session i; the last column counts keys outside the vocabulary.
 *
 * @example
 * const vocab = KeyVocabulary.fit(train);
 * const { matrix, oov } = countMatrix(test, vocab);
 * const rows = denseRows(matrix);
 */
export function countMatrix(sequences: readonly (readonly number[])[], vocab: KeyVocabulary): CountMatrixResult {
  const indptr = new Int32Array(sequences.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const oovPerRow = new Int32Array(sequences.length);
  const unseen = new Set<number>();
  let oovSessions = 0;
  let oovOccurrences = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < sequences.length; i++) {
    counts.clear();
    for (const key of sequences[i]!) {
      const col = vocab.column(key);
      if (col === vocab.oovColumn) unseen.add(key);
      counts.set(col, (counts.get(col) ?? 0) + 1);
    }
    const cols = [...counts.keys()].sort((a, b) => a - b);
    for (const c of cols) {
      indices.push(c);
      values.push(counts.get(c)!);
    }
    indptr[i + 1] = indices.length;
    const o = counts.get(vocab.oovColumn) ?? 0;
    oovPerRow[i] = o;
    if (o > 0) oovSessions++;
    oovOccurrences += o;
  }
  return {
    matrix: { rows: sequences.length, cols: vocab.width, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    oovPerRow,
    oov: { sessions: oovSessions, occurrences: oovOccurrences, keys: [...unseen].sort((a, b) => a - b) },
  };
}

/** The rows of a sparse matrix as dense vectors (new arrays). */
export function denseRows(m: SparseMatrix): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < m.rows; i++) {
    const row = new Float64Array(m.cols);
    for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) row[m.indices[p]!] = m.values[p]!;
    out.push(row);
  }
  return out;
}
