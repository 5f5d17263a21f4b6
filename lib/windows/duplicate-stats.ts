/** How much a set of sequences repeats itself. */
export interface DuplicateStats {
  sequences: number;
  distinct: number;
  /** sequences − distinct: copies beyond the first of each distinct sequence. */
  duplicates: number;
  /** distinct / sequences. */
  distinctShare: number;
  /** Copies of the most repeated sequence. */
  maxMultiplicity: number;
  /** With labels: distinct sequences that occur with both labels (no detector can get all their copies right). */
  labelConflicts?: number;
  /** With labels: sequences (copies) belonging to such conflicting distinct sequences. */
  labelConflictSequences?: number;
}

/** A sequence as a map key. */
export function sequenceKey(seq: readonly (number | string)[]): string {
  return seq.join(" ");
}

/**
 * Duplicate statistics of sequences (and, with labels, identical sequences labeled both ways).
 * HDFS's 4,855 DeepLog training sessions hold only 839 distinct ones (DeepLog issue #32).
 *
 * @example
 * duplicateStats(readKeySessions(dataPath("hdfs-deeplog", "hdfs_train")).sequences); // { sequences: 4855, distinct: 839, … }
 */
export function duplicateStats(sequences: readonly (readonly (number | string)[])[], labels?: ArrayLike<number>): DuplicateStats {
  if (labels && labels.length !== sequences.length) throw new Error(`duplicateStats: ${sequences.length} sequences but ${labels.length} labels`);
  const counts = new Map<string, { n: number; pos: number; neg: number }>();
  sequences.forEach((s, i) => {
    const k = sequenceKey(s);
    let e = counts.get(k);
    if (!e) counts.set(k, (e = { n: 0, pos: 0, neg: 0 }));
    e.n++;
    if (labels) {
      if (labels[i]) e.pos++;
      else e.neg++;
    }
  });
  let max = 0;
  let conflicts = 0;
  let conflictSeqs = 0;
  for (const e of counts.values()) {
    if (e.n > max) max = e.n;
    if (e.pos > 0 && e.neg > 0) {
      conflicts++;
      conflictSeqs += e.n;
    }
  }
  const n = sequences.length;
  return {
    sequences: n,
    distinct: counts.size,
    duplicates: n - counts.size,
    distinctShare: n ? counts.size / n : 0,
    maxMultiplicity: max,
    ...(labels ? { labelConflicts: conflicts, labelConflictSequences: conflictSeqs } : {}),
  };
}

/** How many sequences of `later` also occur in `earlier` (copies and distinct). */
export function crossSetDuplicates(earlier: readonly (readonly (number | string)[])[], later: readonly (readonly (number | string)[])[]): { sequences: number; distinct: number } {
  const seen = new Set(earlier.map(sequenceKey));
  let sequences = 0;
  const distinct = new Set<string>();
  for (const s of later) {
    const k = sequenceKey(s);
    if (seen.has(k)) {
      sequences++;
      distinct.add(k);
    }
  }
  return { sequences, distinct: distinct.size };
}
