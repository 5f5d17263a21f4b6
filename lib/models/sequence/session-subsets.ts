import type { SessionSet } from "../detector.js";

/** The normal sessions of a set (all of them when it has no labels): what semi-supervised models train on. */
export function normalSessions(set: SessionSet): readonly (readonly number[])[] {
  if (!set.labels) return set.sequences;
  if (set.labels.length !== set.sequences.length) throw new Error(`session set: ${set.sequences.length} sequences but ${set.labels.length} labels`);
  return set.sequences.filter((_, i) => set.labels![i] === 0);
}

/** The normal sessions of a labelled set, as a set of their own (without labels). */
export function normalSubset(set: SessionSet & { labels: ArrayLike<number> }): SessionSet {
  const sequences = set.sequences.filter((_, i) => set.labels[i] === 0);
  if (!set.severities) return { sequences };
  return { sequences, severities: set.severities.filter((_, i) => set.labels[i] === 0) };
}
