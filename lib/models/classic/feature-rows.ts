/** Dense feature rows (one array per item, all the same length): the input of every classic model core. */
export type FeatureRows = readonly ArrayLike<number>[];

/** Checks that rows are non-empty, equally long and finite; returns the column count. */
export function checkFeatureRows(x: FeatureRows, fn: string, expectedCols?: number): number {
  if (x.length === 0) throw new Error(`${fn}: no rows`);
  const cols = x[0]!.length;
  if (expectedCols !== undefined && cols !== expectedCols) throw new Error(`${fn}: rows have ${cols} columns, the model was fit on ${expectedCols}`);
  for (let i = 0; i < x.length; i++) {
    const r = x[i]!;
    if (r.length !== cols) throw new Error(`${fn}: row ${i} has ${r.length} columns, row 0 has ${cols}`);
    for (let j = 0; j < cols; j++) if (!Number.isFinite(r[j]!)) throw new Error(`${fn}: row ${i} column ${j} is ${r[j]}`);
  }
  return cols;
}

/** Checks class labels 0..nClasses-1 aligned with rows; returns nClasses (max label + 1 unless given). */
export function checkClassLabels(y: ArrayLike<number>, n: number, fn: string, nClasses?: number): number {
  if (y.length !== n) throw new Error(`${fn}: ${n} rows but ${y.length} labels`);
  let max = -1;
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (!Number.isInteger(c) || c < 0) throw new Error(`${fn}: label ${i} is ${c}, expected an integer class index >= 0`);
    if (c > max) max = c;
  }
  const k = nClasses ?? max + 1;
  if (max >= k) throw new Error(`${fn}: label ${max} is out of range for ${k} classes`);
  return Math.max(k, 2);
}

/** Index of the largest value (first on ties). */
export function argMax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

/** Throws unless `value` is one of `allowed` (for string-valued parameters). */
export function checkOneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got "${value}"`);
  return value as T;
}
