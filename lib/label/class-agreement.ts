/**
 * One row of a cross-table: an expected value, its item count, and one column per predicted
 * value (the predicted values are data, so those columns are known only at run time; they are
 * listed in `ClassAgreement.predictedValues`).
 */
export type CrossTabRow = { expected: string; items: number } & { [predicted: string]: string | number };

/** A confusion table between two labelings and the share of items on which they agree. */
export interface ClassAgreement {
  /** What the expected labels are ("alert category", …), for titles. */
  expectedName: string;
  /** One row per expected value: its count and how many items got each predicted value. */
  rows: CrossTabRow[];
  /** Items whose predicted value equals the expected one / all items. */
  accuracy: number;
  /** The predicted values, in column order. */
  predictedValues: string[];
}

/**
 * Cross-tabulates expected against predicted labels, e.g. the synthetic generator's classes
 * against the rule labeler's, or BGL alert categories against rule classes.
 *
 * @example
 * classAgreement(lines.map((l) => l.expectedClass), labels.map((l) => l.class)).accuracy;
 */
export function classAgreement(expected: readonly string[], predicted: readonly string[], options: { expectedName?: string; order?: readonly string[] } = {}): ClassAgreement {
  if (expected.length !== predicted.length) throw new Error(`classAgreement: ${expected.length} expected but ${predicted.length} predicted labels`);
  const name = options.expectedName ?? "expected";
  const order = options.order ?? [];
  const rank = (v: string): number => {
    const i = order.indexOf(v);
    return i < 0 ? order.length : i;
  };
  const sortValues = (vs: Iterable<string>): string[] => [...new Set(vs)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const predictedValues = sortValues(predicted);
  const table = new Map<string, Map<string, number>>();
  let agree = 0;
  expected.forEach((e, i) => {
    const p = predicted[i]!;
    if (e === p) agree++;
    let row = table.get(e);
    if (!row) table.set(e, (row = new Map()));
    row.set(p, (row.get(p) ?? 0) + 1);
  });
  const rows = sortValues(table.keys()).map((e) => {
    const row = table.get(e)!;
    const n = [...row.values()].reduce((a, b) => a + b, 0);
    return { ...Object.fromEntries(predictedValues.map((p) => [p, row.get(p) ?? 0])), expected: e, items: n } as CrossTabRow;
  });
  // Key order: expected, items, then the predicted values (the table's column order).
  const ordered = rows.map((r) => Object.assign({ expected: r.expected, items: r.items }, r) as CrossTabRow);
  return { expectedName: name, rows: ordered, accuracy: expected.length ? agree / expected.length : 0, predictedValues };
}
