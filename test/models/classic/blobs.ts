import { Rng } from "../../../lib/runtime/rng.js";

/** Three Gaussian blobs in 2-D: classes 0, 1, 2 around (0,0), (5,0), (0,5). */
export function blobs(n: number, seed: number): { x: Float64Array[]; y: Int32Array } {
  const rng = new Rng(seed);
  const centres = [
    [0, 0],
    [5, 0],
    [0, 5],
  ];
  const x: Float64Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x.push(Float64Array.of(centres[c]![0]! + rng.normal(), centres[c]![1]! + rng.normal()));
    y.push(c);
  }
  return { x, y: Int32Array.from(y) };
}

/** The training and test blobs every classifier test uses (as cores.test.ts had them). */
export const BLOBS_TRAIN = blobs(300, 1);
export const BLOBS_TEST = blobs(150, 2);
