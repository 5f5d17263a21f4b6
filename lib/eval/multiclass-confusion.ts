/** A K × K confusion matrix: `counts[t][p]` = items of true class t predicted as p. */
export interface MulticlassConfusion {
  classes: string[];
  counts: number[][];
}

/**
 * Multi-class confusion matrix of integer class labels 0..K-1.
 *
 * @example
 * multiclassConfusion([0, 1, 1], [0, 1, 0], ["normal", "anomaly"]).counts; // [[1, 0], [1, 1]]
 */
export function multiclassConfusion(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: readonly string[]): MulticlassConfusion {
  if (yTrue.length !== yPred.length) throw new Error(`multiclassConfusion: ${yTrue.length} labels but ${yPred.length} predictions`);
  const K = classes.length;
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    if (!(Number.isInteger(t) && t >= 0 && t < K)) throw new Error(`multiclassConfusion: label ${i} is ${t}, expected 0..${K - 1}`);
    if (!(Number.isInteger(p) && p >= 0 && p < K)) throw new Error(`multiclassConfusion: prediction ${i} is ${p}, expected 0..${K - 1}`);
    counts[t]![p]!++;
  }
  return { classes: [...classes], counts };
}
