/** A way to damage a file's bytes, as fast-check generates it (small, so counterexamples print short). */
export type Damage = { flip: number } | { cut: number } | { random: Uint8Array } | { endings: ("\n" | "\r\n" | "\r")[] };

/**
 * The bytes after `damage`: one bit flipped (bit index), truncated to `cut` bytes, replaced by
 * random bytes, or with each line ending replaced by the next of `endings` (cycled).
 */
export function damaged(bytes: Uint8Array, damage: Damage): Buffer {
  if ("flip" in damage) {
    const b = Buffer.from(bytes);
    b[damage.flip >> 3]! ^= 1 << (damage.flip & 7);
    return b;
  }
  if ("cut" in damage) return Buffer.from(bytes.subarray(0, damage.cut));
  if ("random" in damage) return Buffer.from(damage.random);
  const lines = Buffer.from(bytes).toString("latin1").split(/\r\n|\n|\r/);
  const last = lines.pop()!;
  const ends = damage.endings.length ? damage.endings : ["\n" as const];
  return Buffer.from(lines.map((l, i) => l + ends[i % ends.length]).join("") + last, "latin1");
}
