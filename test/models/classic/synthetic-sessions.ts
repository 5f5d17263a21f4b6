import { Rng } from "../../../lib/runtime/rng.js";

/**
 * Sessions where the answer is known: a normal session opens and closes every resource
 * (key 1 … key 2 pairs, with 3 = write in between, 4 = heartbeat); an anomalous one opens three
 * resources it never closes, bursts five writes and logs an error key 9 half the time. Invariant count(1) = count(2) holds on
 * every normal session and fails on every anomaly.
 */
export function syntheticSessions(n: number, anomalyShare: number, seed: number): { sequences: number[][]; labels: Uint8Array } {
  const rng = new Rng(seed);
  const sequences: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const anomalous = rng.next() < anomalyShare;
    const s: number[] = [];
    const pairs = 1 + rng.int(3);
    for (let p = 0; p < pairs; p++) {
      s.push(1);
      for (let w = rng.int(3); w > 0; w--) s.push(3);
      s.push(2);
      if (rng.bernoulli(0.5)) s.push(4);
    }
    if (anomalous) {
      // Resources opened and never closed, with a burst of writes.
      s.push(1, 1, 1, 3, 3, 3, 3, 3);
      if (rng.bernoulli(0.5)) s.push(9);
    }
    sequences.push(s);
    labels.push(anomalous ? 1 : 0);
  }
  return { sequences, labels: Uint8Array.from(labels) };
}
