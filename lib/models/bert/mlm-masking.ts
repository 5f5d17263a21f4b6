import type { Rng } from "../../runtime/rng.js";

/**
 * Positions masked in one training example: each of the `count` maskable positions with
 * probability `ratio`, at least one (Devlin et al.'s 15%, LogBERT's 50–65%). Indices are into the
 * maskable positions, ascending.
 */
export function randomMaskPositions(count: number, ratio: number, rng: Rng): number[] {
  if (count <= 0) return [];
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (rng.next() < ratio) out.push(i);
  if (out.length === 0) out.push(rng.int(count));
  return out;
}

/**
 * Masks for scoring that cover every position: the `count` maskable positions in a random order
 * (from `rng`, seeded per sequence by the caller so scores reproduce), then ⌈count / m⌉ ≤
 * ⌈1 / ratio⌉ passes, pass j masking the block of m = ⌈ratio · count⌉ positions starting at j·m
 * in that order (the last block is moved back to end at the last position). Each pass masks the
 * training share of the sequence, and every position is predicted at least once (LogBERT's
 * reference masks one random set at test time, so a key can escape being checked at all).
 */
export function coveringMaskPasses(count: number, ratio: number, rng: Rng): number[][] {
  if (count <= 0) return [];
  if (!(ratio > 0 && ratio <= 1)) throw new Error(`coveringMaskPasses: ratio must be in (0, 1], got ${ratio}`);
  const order = Array.from(rng.permutation(count));
  const m = Math.max(1, Math.ceil(ratio * count));
  const passes = Math.ceil(count / m);
  const out: number[][] = [];
  for (let j = 0; j < passes; j++) {
    const start = Math.min(j * m, count - m);
    out.push(order.slice(start, start + m).sort((a, b) => a - b));
  }
  return out;
}
