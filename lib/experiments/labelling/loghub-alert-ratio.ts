import { readLoghubStructured } from "../../data/loghub-2k.js";
import { anomalyRatioBy, type AnomalyRatioRow } from "../../label/anomaly-ratio.js";

/**
 * Alert ratios of a line-labeled LogHub system (BGL, Thunderbird: the structured CSV's `Label`
 * column, `-` = normal) by one of its header fields.
 *
 * @example
 * loghubAlertRatioBy("BGL", "Component"); // KERNEL, APP, MMCS, … with their alert shares
 */
export function loghubAlertRatioBy(system: "BGL" | "Thunderbird", field: string, options: { top?: number } = {}): AnomalyRatioRow[] {
  const rows = readLoghubStructured(system);
  if (!rows[0] || !(field in rows[0].fields)) throw new Error(`${system} has no "${field}" field (fields: ${Object.keys(rows[0]?.fields ?? {}).join(", ")})`);
  return anomalyRatioBy(
    rows.map((r) => r.fields[field] ?? ""),
    rows.map((r) => (r.fields.Label === "-" ? 0 : 1)),
    options,
  );
}
