/** Lines, anomalies and their ratio for one value of a field. */
export type AnomalyRatioRow = {
  value: string;
  lines: number;
  anomalies: number;
  ratio: number;
};

/**
 * The anomaly ratio per value of a field (component, level, node, …): the `top` most frequent
 * values, the rest pooled as `(other)`. Sorted by lines, most first.
 *
 * @example
 * anomalyRatioBy(rows.map((r) => r.fields.Component), alertLabels, { top: 12 });
 */
export function anomalyRatioBy(values: readonly string[], labels: ArrayLike<number>, options: { top?: number } = {}): AnomalyRatioRow[] {
  if (values.length !== labels.length) throw new Error(`anomalyRatioBy: ${values.length} values but ${labels.length} labels`);
  const m = new Map<string, { lines: number; anomalies: number }>();
  values.forEach((v, i) => {
    const key = v === "" ? "(empty)" : v;
    let e = m.get(key);
    if (!e) m.set(key, (e = { lines: 0, anomalies: 0 }));
    e.lines++;
    if (labels[i]) e.anomalies++;
  });
  const all = [...m.entries()].map(([value, e]) => ({ value, lines: e.lines, anomalies: e.anomalies, ratio: e.anomalies / e.lines })).sort((a, b) => b.lines - a.lines || a.value.localeCompare(b.value));
  const top = options.top ?? all.length;
  if (all.length <= top) return all;
  const rest = all.slice(top);
  const lines = rest.reduce((a, r) => a + r.lines, 0);
  const anomalies = rest.reduce((a, r) => a + r.anomalies, 0);
  return [...all.slice(0, top), { value: `(other ${rest.length})`, lines, anomalies, ratio: anomalies / lines }];
}
