import { Rng } from "../../../lib/runtime/rng.js";

/** Normal sessions: a cycle 1→2→3→4→5 with an optional detour 3→6→4, `min`–`min + spread − 1` keys long. */
export function cycleSessions(n: number, seed: number, min = 8, spread = 6): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const len = min + rng.int(spread);
    const s: number[] = [];
    let k = 1 + rng.int(5);
    while (s.length < len) {
      s.push(k);
      if (k === 3 && rng.bernoulli(0.3)) {
        s.push(6);
        k = 4;
      } else k = (k % 5) + 1;
    }
    return s.slice(0, len);
  });
}

/** Anomalous sessions: the cycle with keys shuffled and an alarm key 7. */
export function brokenSessions(n: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return cycleSessions(n, seed + 1000).map((s) => {
    const out = rng.shuffle(s);
    out[rng.int(out.length)] = 7;
    return out;
  });
}

/** A labelled set: normal then anomalous sessions. */
export function labelled(normal: number[][], abnormal: number[][]): { sequences: number[][]; labels: Uint8Array } {
  return { sequences: [...normal, ...abnormal], labels: Uint8Array.from([...normal.map(() => 0), ...abnormal.map(() => 1)]) };
}
