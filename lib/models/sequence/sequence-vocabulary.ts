/** A saved {@link SequenceVocabulary}. */
export interface SequenceVocabularyJson {
  format: "loglab.sequence-vocabulary";
  version: 1;
  keys: number[];
}

/**
 * The log keys a sequence model knows, fit on training sessions only, and their indices:
 * - input indices (what embeddings read): 0 = padding, 1…V = the known keys in ascending order,
 *   V + 1 = any key never seen in training;
 * - output indices (softmax classes of next-key models): 0…V − 1, the known keys.
 *
 * @example
 * const v = SequenceVocabulary.fit([[5, 22, 5], [11]]);
 * v.size;            // 3 (keys 5, 11, 22)
 * v.inputIndex(22);  // 3
 * v.inputIndex(99);  // 4 (unknown)
 * v.outputIndex(5);  // 0
 */
export class SequenceVocabulary {
  /** Input index of the padding. */
  static readonly PAD = 0;
  private readonly index: Map<number, number>;

  private constructor(readonly keys: readonly number[]) {
    this.index = new Map(keys.map((k, i) => [k, i]));
    if (this.index.size !== keys.length) throw new Error("SequenceVocabulary: duplicate keys");
  }

  /** The keys of `sequences`, ascending. */
  static fit(sequences: readonly (readonly number[])[]): SequenceVocabulary {
    const seen = new Set<number>();
    for (const s of sequences) for (const k of s) seen.add(k);
    if (seen.size === 0) throw new Error("SequenceVocabulary.fit: the training sessions hold no keys");
    return new SequenceVocabulary([...seen].sort((a, b) => a - b));
  }

  static fromJSON(json: SequenceVocabularyJson): SequenceVocabulary {
    if (json?.format !== "loglab.sequence-vocabulary" || json.version !== 1) {
      throw new Error(`not a loglab sequence vocabulary v1 (format ${String(json?.format)}, version ${String(json?.version)})`);
    }
    return new SequenceVocabulary(json.keys);
  }

  toJSON(): SequenceVocabularyJson {
    return { format: "loglab.sequence-vocabulary", version: 1, keys: [...this.keys] };
  }

  /** Number of known keys V. */
  get size(): number {
    return this.keys.length;
  }

  /** Size of the input index space: padding + V keys + unknown. */
  get inputDim(): number {
    return this.keys.length + 2;
  }

  /** Input index of the unknown key. */
  get unknownIndex(): number {
    return this.keys.length + 1;
  }

  has(key: number): boolean {
    return this.index.has(key);
  }

  /** 1…V for a known key, V + 1 for an unknown one. */
  inputIndex(key: number): number {
    const i = this.index.get(key);
    return i === undefined ? this.keys.length + 1 : i + 1;
  }

  /** 0…V − 1 for a known key, −1 otherwise. */
  outputIndex(key: number): number {
    return this.index.get(key) ?? -1;
  }

  /** True when every key of `sequence` is known. */
  knowsAll(sequence: readonly number[]): boolean {
    for (const k of sequence) if (!this.index.has(k)) return false;
    return true;
  }
}
