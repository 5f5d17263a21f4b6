import { readFileSync } from "node:fs";
import { loghubLogPath, readLoghubStructured } from "../../data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { LOG_CLASSES } from "../../label/log-classes.js";
import { loadLoghubLabels } from "./loghub-labels.js";

/** The LogHub 2k lines with their 7-class rule labels, one entry per line in every array. */
export interface LabelledLogLines {
  classes: readonly string[];
  /** System of each line. */
  systemOf: LoghubSystem[];
  /** 1-based line number in `<System>_2k.log`. */
  lineId: Int32Array;
  /** The raw line as written in the log file. */
  raw: string[];
  /** The message (header removed). */
  content: string[];
  /** Ground-truth template of the line. */
  template: string[];
  /** `System:EventId`: the template group the split by template keeps together. */
  group: string[];
  /** Class index in {@link LOG_CLASSES}. */
  y: Int32Array;
  /** Where each system's labels came from (notebook 02's file or recomputed). */
  labelSources: { system: string; source: string }[];
}

/** Options of {@link loadLabelledLogLines}. */
export interface LabelledLogLinesOptions {
  systems?: readonly LoghubSystem[];
  /** Only the first N lines of each system (smoke runs). */
  maxLinesPerSystem?: number;
}

/**
 * The 7-class task's lines: every LogHub 2k line (in system order, then line order, as notebook
 * 05's `buildLogClassDataset`) with its raw text, message, template and notebook 02's rule label.
 *
 * @example
 * const lines = loadLabelledLogLines();
 * lines.content.length; // 32,000
 */
export function loadLabelledLogLines(options: LabelledLogLinesOptions = {}): LabelledLogLines {
  const out: LabelledLogLines = { classes: [...LOG_CLASSES], systemOf: [], lineId: new Int32Array(0), raw: [], content: [], template: [], group: [], y: new Int32Array(0), labelSources: [] };
  const ids: number[] = [];
  const ys: number[] = [];
  for (const system of options.systems ?? LOGHUB_SYSTEMS) {
    const labels = loadLoghubLabels(system);
    out.labelSources.push({ system, source: labels.source === "file" ? `file ${labels.path}` : "recomputed (lib/label)" });
    const structured = new Map(readLoghubStructured(system).map((r) => [r.lineId, r]));
    const rawLines = readFileSync(loghubLogPath(system), "utf8").split(/\r?\n/);
    const rows = options.maxLinesPerSystem ? labels.rows.slice(0, options.maxLinesPerSystem) : labels.rows;
    for (const r of rows) {
      const s = structured.get(r.lineId);
      if (!s) throw new Error(`${loghubLogPath(system)}: labels name line ${r.lineId}, which the ground truth lacks`);
      out.systemOf.push(system);
      ids.push(r.lineId);
      out.raw.push(rawLines[r.lineId - 1] ?? "");
      out.content.push(s.content);
      out.template.push(r.eventTemplate);
      out.group.push(`${system}:${r.eventId}`);
      ys.push(r.classIndex);
    }
  }
  out.lineId = Int32Array.from(ids);
  out.y = Int32Array.from(ys);
  return out;
}
