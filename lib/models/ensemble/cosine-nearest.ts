/**
 * Rows of length `dim`, L2-normalised (a zero row stays zero), as one row-major array.
 */
export function normalizeRows(rows: readonly ArrayLike<number>[], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    if (r.length !== dim) throw new Error(`normalizeRows: row ${i} has ${r.length} values, expected ${dim}`);
    let s = 0;
    for (let h = 0; h < dim; h++) s += r[h]! * r[h]!;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let h = 0; h < dim; h++) out[i * dim + h] = r[h]! * inv;
  });
  return out;
}

/** A bank of normalised embeddings to measure cosine distances against. */
export class CosineBank {
  readonly size: number;
  private readonly rows: Float32Array;

  /** `vectors`: the bank's embeddings (any scale; they are normalised here). */
  constructor(
    vectors: readonly ArrayLike<number>[],
    readonly dim: number,
  ) {
    if (vectors.length === 0) throw new Error("CosineBank: no vectors");
    this.rows = normalizeRows(vectors, dim);
    this.size = vectors.length;
  }

  /**
   * Cosine distance (1 − cosine similarity, in [0, 2]) of `v` to its nearest bank vector; a zero
   * vector is at distance 1 from everything.
   */
  nearestDistance(v: ArrayLike<number>): number {
    const H = this.dim;
    if (v.length !== H) throw new Error(`CosineBank: a query has ${v.length} values, the bank ${H}`);
    let s = 0;
    for (let h = 0; h < H; h++) s += v[h]! * v[h]!;
    if (s === 0) return 1;
    const inv = 1 / Math.sqrt(s);
    const q = new Float32Array(H);
    for (let h = 0; h < H; h++) q[h] = v[h]! * inv;
    let best = -Infinity;
    const rows = this.rows;
    for (let i = 0, off = 0; i < this.size; i++, off += H) {
      let d = 0;
      for (let h = 0; h < H; h++) d += rows[off + h]! * q[h]!;
      if (d > best) best = d;
    }
    return Math.min(2, Math.max(0, 1 - best));
  }
}

/**
 * The value at which at most a share `fpr` of `values` lie strictly above: the
 * ⌈(1 − fpr)·n⌉-th smallest (the largest when fpr = 0). Throws on an empty list.
 */
export function upperQuantileCutoff(values: ArrayLike<number>, fpr: number): number {
  if (values.length === 0) throw new Error("upperQuantileCutoff: no values");
  if (!(fpr >= 0 && fpr < 1)) throw new Error(`upperQuantileCutoff: fpr must be in [0, 1), got ${fpr}`);
  const sorted = Float64Array.from(values).sort();
  const k = Math.max(1, Math.ceil((1 - fpr) * sorted.length));
  return sorted[k - 1]!;
}
