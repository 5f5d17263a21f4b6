import type { SequenceVocabulary } from "../sequence/sequence-vocabulary.js";

/** Token id of the first log key: ids 0–4 are [PAD], [UNK], [DIST]/[CLS], [SEP], [MASK] (bert-config.ts). */
export const FIRST_KEY_TOKEN = 5;
/** [UNK]: a key never seen in training. */
export const UNK_TOKEN = 1;
/** [DIST] (LogBERT's name for BERT's [CLS]). */
export const DIST_TOKEN = 2;
/** [MASK]. */
export const MASK_TOKEN = 4;

/** The token id of a log key: 5 + its vocabulary index, [UNK] (1) when the key is unknown. */
export function keyToken(vocab: SequenceVocabulary, key: number): number {
  const i = vocab.outputIndex(key);
  return i < 0 ? UNK_TOKEN : FIRST_KEY_TOKEN + i;
}

/** One encoder input row: `[DIST] k₁ … kₙ` as token ids, with the session positions it covers. */
export interface KeyTokenRow {
  /** Token ids, [DIST] first. */
  tokens: Int32Array;
  /** Per-token extra values (severity + 1, 0 = unknown; [DIST] gets 0), or null. */
  extra: Int32Array | null;
  /** The session this row comes from, and the position (in the session) of its first key. */
  session: number;
  start: number;
}

/**
 * A session's keys as encoder rows. A session longer than `maxLength − 1` keys is cut into
 * consecutive chunks of at most `maxLength − 1` keys, each with its own [DIST] (the stated rule for
 * long sessions: every key is in exactly one row). An empty session gives one row holding only
 * [DIST] (nothing to predict).
 */
export function keyTokenRows(sequence: readonly number[], vocab: SequenceVocabulary, maxLength: number, session: number, extra?: readonly number[] | null): KeyTokenRow[] {
  if (!(maxLength >= 2)) throw new Error(`keyTokenRows: maxLength must be ≥ 2, got ${maxLength}`);
  if (extra && extra.length !== sequence.length) throw new Error(`keyTokenRows: session ${session} has ${sequence.length} keys but ${extra.length} severities`);
  const span = maxLength - 1;
  const rows: KeyTokenRow[] = [];
  for (let start = 0; start < Math.max(1, sequence.length); start += span) {
    const n = Math.min(span, sequence.length - start);
    const tokens = new Int32Array(n + 1);
    tokens[0] = DIST_TOKEN;
    for (let j = 0; j < n; j++) tokens[j + 1] = keyToken(vocab, sequence[start + j]!);
    let ex: Int32Array | null = null;
    if (extra) {
      ex = new Int32Array(n + 1);
      for (let j = 0; j < n; j++) ex[j + 1] = extra[start + j]! + 1;
    }
    rows.push({ tokens, extra: ex, session, start });
  }
  return rows;
}

/** Distinct items with how often each occurs and where the first one is. */
export interface DistinctSessionIndex {
  /** Index (into the input) of each distinct session's first occurrence. */
  first: number[];
  /** Occurrences of each distinct session. */
  counts: number[];
  /** For every input session, its distinct index. */
  of: Int32Array;
}

/**
 * Groups identical sessions (same keys, and same extra values and tags when given): training runs on the
 * distinct ones weighted by their counts, scoring scores each once (HDFS: 839 distinct of 4,855).
 */
export function distinctSessionIndex(sequences: readonly (readonly number[])[], extras?: readonly (readonly number[])[] | null, tags?: readonly string[]): DistinctSessionIndex {
  const index = new Map<string, number>();
  const first: number[] = [];
  const counts: number[] = [];
  const of = new Int32Array(sequences.length);
  sequences.forEach((s, i) => {
    let key = extras ? `${s.join(",")}|${extras[i]!.join(",")}` : s.join(",");
    if (tags) key += `#${tags[i]!}`;
    let d = index.get(key);
    if (d === undefined) {
      d = first.length;
      index.set(key, d);
      first.push(i);
      counts.push(0);
    }
    counts[d]!++;
    of[i] = d;
  });
  return { first, counts, of };
}
