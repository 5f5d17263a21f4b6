import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Rejected } from "../io/rejected.js";

/**
 * Ground-truth line labels of BGL and Thunderbird: the first space-separated column of each raw
 * line is `-` for a normal line and an alert category otherwise (`KERNDTLB`, `APPSEV`, …;
 * LogHub issues #4 and #36).
 */
export interface AlertLabels {
  file: string;
  /** 1-based line number of each labeled line. */
  lineNos: number[];
  /** 1 = alert (anomalous), 0 = normal, per labeled line. */
  labels: Uint8Array;
  /** The alert category per labeled line, null for normal lines. */
  categories: (string | null)[];
  /** Lines without a label column (blank lines), with the reason. */
  rejected: Rejected[];
}

/** The label of one raw line: `{ label, category }`, or null when the line has no first column. */
export function alertLabelOf(line: string): { label: 0 | 1; category: string | null } | null {
  const trimmed = line.replace(/^\uFEFF/, "");
  const end = trimmed.indexOf(" ");
  const first = end < 0 ? trimmed : trimmed.slice(0, end);
  if (first.trim() === "") return null;
  return first === "-" ? { label: 0, category: null } : { label: 1, category: first };
}

/**
 * Reads the alert labels of a BGL or Thunderbird raw log (any size: the file is streamed).
 *
 * @example
 * const gt = await readAlertLabels(dataPath("loghub-2k", "BGL", "BGL_2k.log"));
 * gt.labels.reduce((a, b) => a + b, 0); // 143 alert lines of 2,000
 */
export async function readAlertLabels(file: string): Promise<AlertLabels> {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const lineNos: number[] = [];
  const labels: number[] = [];
  const categories: (string | null)[] = [];
  const rejected: Rejected[] = [];
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    const l = alertLabelOf(line);
    if (!l) {
      rejected.push({ file, lineNo, reason: "blank line (no label column)" });
      continue;
    }
    lineNos.push(lineNo);
    labels.push(l.label);
    categories.push(l.category);
  }
  if (lineNos.length === 0) throw new Error(`${file}: no labeled lines`);
  return { file, lineNos, labels: Uint8Array.from(labels), categories, rejected };
}

/** Alert labels counted per category (`normal` for `-`), most frequent first. */
export function alertCategoryCounts(gt: AlertLabels): { category: string; lines: number; share: number }[] {
  const counts = new Map<string, number>();
  for (const c of gt.categories) counts.set(c ?? "normal", (counts.get(c ?? "normal") ?? 0) + 1);
  const n = gt.categories.length;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([category, lines]) => ({ category, lines, share: lines / n }));
}
