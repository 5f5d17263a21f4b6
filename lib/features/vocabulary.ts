/** Options of {@link Vocabulary.build}. */
export interface VocabularyOptions {
  /** Tokens placed first, in this order, with ids 0, 1, … (e.g. `[PAD]`, `[UNK]`). Default none. */
  specials?: readonly string[];
  /** Drop tokens seen fewer times (default 1: keep all). */
  minCount?: number;
  /** Keep at most this many ordinary tokens, the most frequent (default: all). */
  maxSize?: number;
  /** The special token unknown tokens map to (must be in `specials`; default none: unknown → -1). */
  unknown?: string;
}

/** A saved vocabulary (`Vocabulary.toJSON`). */
export interface VocabularyJson {
  format: "loglab.vocabulary";
  version: 1;
  tokens: string[];
  counts: number[];
  specials: string[];
  unknown: string | null;
}

/**
 * A token ↔ id table. Ids are dense: specials first, then ordinary tokens by descending count,
 * ties by token text, so the same corpus always gives the same ids (whatever order it came in).
 *
 * @example
 * const v = Vocabulary.build(["a", "b", "a"], { specials: ["[PAD]", "[UNK]"], unknown: "[UNK]" });
 * v.id("a"); // 2
 * v.id("zzz"); // 1 ([UNK])
 */
export class Vocabulary {
  private readonly index: Map<string, number>;
  private readonly unknownId: number;

  private constructor(
    /** Token of each id. */
    readonly tokens: readonly string[],
    /** Training count of each id (0 for specials). */
    readonly counts: readonly number[],
    readonly specials: readonly string[],
    readonly unknown: string | null,
  ) {
    this.index = new Map(tokens.map((t, i) => [t, i]));
    if (this.index.size !== tokens.length) throw new Error("Vocabulary: duplicate tokens");
    this.unknownId = unknown === null ? -1 : (this.index.get(unknown) ?? -1);
    if (unknown !== null && this.unknownId < 0) throw new Error(`Vocabulary: unknown token ${unknown} is not among the specials`);
  }

  /** Builds a vocabulary from a stream of tokens. */
  static build(tokens: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
    const specials = [...(options.specials ?? [])];
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    const special = new Set(specials);
    const minCount = options.minCount ?? 1;
    let ordinary = [...counts.entries()].filter(([t, c]) => c >= minCount && !special.has(t)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (options.maxSize !== undefined) ordinary = ordinary.slice(0, options.maxSize);
    return new Vocabulary([...specials, ...ordinary.map((e) => e[0])], [...specials.map(() => 0), ...ordinary.map((e) => e[1])], specials, options.unknown ?? null);
  }

  /** Restores a vocabulary saved by {@link Vocabulary.toJSON}. */
  static fromJSON(json: VocabularyJson): Vocabulary {
    if (json.format !== "loglab.vocabulary" || json.version !== 1) throw new Error(`not a loglab vocabulary v1 (format ${json.format}, version ${json.version})`);
    if (json.tokens.length !== json.counts.length) throw new Error(`vocabulary: ${json.tokens.length} tokens but ${json.counts.length} counts`);
    return new Vocabulary(json.tokens, json.counts, json.specials, json.unknown);
  }

  /** Number of ids (specials included). */
  get size(): number {
    return this.tokens.length;
  }

  /** Id of a token: its own, else the unknown token's, else -1. */
  id(token: string): number {
    return this.index.get(token) ?? this.unknownId;
  }

  /** True when the token has its own id. */
  has(token: string): boolean {
    return this.index.has(token);
  }

  /** Token of an id (throws on an id out of range). */
  token(id: number): string {
    const t = this.tokens[id];
    if (t === undefined) throw new Error(`Vocabulary: id ${id} out of range 0..${this.tokens.length - 1}`);
    return t;
  }

  /** JSON for saving. */
  toJSON(): VocabularyJson {
    return { format: "loglab.vocabulary", version: 1, tokens: [...this.tokens], counts: [...this.counts], specials: [...this.specials], unknown: this.unknown };
  }
}
