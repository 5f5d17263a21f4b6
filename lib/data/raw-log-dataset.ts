import { readFileSync } from "node:fs";
import type { LineRef } from "../io/line-ref.js";
import type { MinerMode } from "../parse/drain/template-miner.js";
import { TemplateMiner } from "../parse/drain/template-miner.js";
import type { LoghubSystem } from "../parse/formats/loghub-presets.js";
import { RecordReader, resolveParseSetup } from "../parse/log-parser.js";
import type { LogRecord } from "../parse/log-record.js";
import { severityOf } from "../label/severity.js";
import { dataPath } from "../runtime/project.js";
import { checkSplitFractions, SPLIT_NAMES, type SplitFractions, type SplitName } from "../windows/chronological-split.js";
import { sequenceKey } from "../windows/duplicate-stats.js";
import { makeWindow, type EventWindow } from "../windows/event-window.js";
import { fixedCountWindows } from "../windows/fixed.js";
import { checkSplitLeakage } from "../windows/split-leakage.js";
import type { KeyDatasetSplit, KeySplitPart } from "./key-dataset-split.js";

/** Raw labelled logs windowed into sessions, so detections can be read as template text and raw lines. */
export type RawLogDatasetName = "bgl-2k-windows";

/** How a raw log becomes a split of key sessions. */
export interface RawLogDatasetSpec {
  kind: "raw-log";
  name: RawLogDatasetName;
  description: string;
  /** The raw log under data/. */
  file: readonly string[];
  /** Its header format (a LogHub preset: format, masks, Drain settings). */
  format: LoghubSystem;
  mode: MinerMode;
  /** Header field holding each line's label, and its value on normal lines. */
  labelField: string;
  normalValue: string;
  /** Lines per session (fixed, non-overlapping count windows within each part). */
  windowLines: number;
  /** Shares of the lines (file order) in train, validation and test. */
  fractions: SplitFractions;
}

/**
 * What turns a raw-log dataset's keys and sessions back into text: each key's template, and the
 * line numbers of each session's events (in `file`), per part.
 */
export interface SessionDecoding {
  /** The raw log, relative to the project root. */
  file: string;
  /** Template text of each key (object key = the integer key). */
  templates: Record<string, string>;
  /** 1-based line numbers of every event of every session, per part (parallel to the part's sequences). */
  lines: Record<SplitName, number[][]>;
  /** The key of lines that no template mined from the training lines matches. */
  unmatchedKey: number;
}

/** The documented raw-log datasets. */
export const RAW_LOG_DATASET_SPECS: Readonly<Record<RawLogDatasetName, RawLogDatasetSpec>> = {
  "bgl-2k-windows": {
    kind: "raw-log",
    name: "bgl-2k-windows",
    description:
      "LogHub's BGL 2k sample, raw lines labelled by their alert column (143 alert lines): the first 70% of lines train, the next 10% validate, the last 20% test (file order); templates are mined by Drain (BGL preset, loglab mode) on the training lines only and later lines are matched to them (unmatched lines share one key); sessions are windows of 10 consecutive lines, anomalous when one line is an alert.",
    file: ["loghub-2k", "BGL", "BGL_2k.log"],
    format: "BGL",
    mode: "loglab",
    labelField: "Label",
    normalValue: "-",
    windowLines: 10,
    fractions: { train: 0.7, validation: 0.1, test: 0.2 },
  },
};

interface RawWindow extends EventWindow {
  sequence: number[];
  severities: number[];
  label: 0 | 1;
}

/**
 * Splits a raw-log dataset as its spec says, with no test information reaching training: lines
 * are split in file order first; the template miner learns from the training lines only; every
 * later line is matched (never added) to those templates, templates seen only later get keys of
 * their own, and lines no template matches share `unmatchedKey`. Returns the same split type as
 * the key datasets, plus the decoding (template text per key, raw lines per session).
 *
 * @example
 * const bgl = splitRawLogDataset("bgl-2k-windows");
 * bgl.decoding!.templates[String(bgl.test.sequences[0][0])]; // a template
 */
export function splitRawLogDataset(name: RawLogDatasetName, options: { fractions?: SplitFractions } = {}): KeyDatasetSplit {
  const spec = RAW_LOG_DATASET_SPECS[name];
  if (!spec) throw new Error(`unknown raw-log dataset "${name}" (known: ${Object.keys(RAW_LOG_DATASET_SPECS).join(", ")})`);
  const fractions = options.fractions ?? spec.fractions;
  checkSplitFractions(fractions);
  const rel = ["data", ...spec.file].join("/");
  const lines = readFileSync(dataPath(...spec.file), "utf8").split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const setup = resolveParseSetup(spec.format, { mode: spec.mode });
  const reader = new RecordReader(setup.format, rel, setup.timestampOptions);
  const records: LogRecord[] = [];
  lines.forEach((line, i) => {
    const r = reader.read(line, i + 1);
    if (typeof r === "string") throw new Error(`${rel}:${i + 1}: ${r}`);
    records.push(r);
  });
  const nTrain = Math.round(records.length * fractions.train);
  const nVal = Math.round(records.length * (fractions.train + fractions.validation)) - nTrain;
  const partRecords: Record<SplitName, LogRecord[]> = { train: records.slice(0, nTrain), validation: records.slice(nTrain, nTrain + nVal), test: records.slice(nTrain + nVal) };
  // Templates from the training lines only; each training line gets its cluster's final template.
  const miner = new TemplateMiner(setup.minerConfig);
  const ids = miner.fit(partRecords.train.map((r) => r.content));
  const keyOf = new Map<string, number>();
  const templates: Record<string, string> = {};
  const key = (templateId: string, template: string): number => {
    let k = keyOf.get(templateId);
    if (k === undefined) {
      k = keyOf.size + 1;
      keyOf.set(templateId, k);
      templates[String(k)] = template;
    }
    return k;
  };
  const keys: Record<SplitName, number[]> = { train: [], validation: [], test: [] };
  partRecords.train.forEach((r, i) => {
    const a = miner.assign(r.content, ids[i]!);
    keys.train.push(key(a.templateId, a.template));
  });
  for (const part of ["validation", "test"] as const) {
    for (const r of partRecords[part]) {
      const m = miner.match(r.content, "fallback");
      keys[part].push(m ? key(m.templateId, m.template) : -1);
    }
  }
  const unmatchedKey = keyOf.size + 1;
  templates[String(unmatchedKey)] = "(no training template matches)";
  for (const part of ["validation", "test"] as const) for (let i = 0; i < keys[part].length; i++) if (keys[part][i] === -1) keys[part][i] = unmatchedKey;
  const windows: Record<SplitName, RawWindow[]> = { train: [], validation: [], test: [] };
  const perFile: KeyDatasetSplit["perFile"] = [{ file: rel, label: null, role: "chronological", read: records.length, train: 0, validation: 0, test: 0 }];
  const decodeLines: Record<SplitName, number[][]> = { train: [], validation: [], test: [] };
  for (const part of SPLIT_NAMES) {
    const recs = partRecords[part];
    for (const w of fixedCountWindows(recs, spec.windowLines)) {
      const sequence = w.indices.map((i) => keys[part][i]!);
      // Each event's severity from its level field (BGL: INFO, WARNING, FATAL, …), else its words.
      const severities = w.indices.map((i) => severityOf({ level: recs[i]!.level, content: recs[i]!.content }).ordinal);
      const label = w.indices.some((i) => recs[i]!.fields[spec.labelField] !== spec.normalValue) ? 1 : 0;
      windows[part].push({ ...makeWindow(`${part}:${w.id}`, "count", recs, w.indices), sequence, severities, label });
      decodeLines[part].push(w.indices.map((i) => recs[i]!.lineNo));
    }
    perFile[0]![part] = windows[part].length;
  }
  const leakage = checkSplitLeakage(windows, { allowDuplicates: true, sequenceOf: (w) => sequenceKey(w.sequence) });
  if (!leakage.ok) throw new Error(`split of ${name} leaks: ${leakage.violations[0]?.detail ?? "see report"}`);
  const toPart = (ws: RawWindow[]): KeySplitPart => ({ sequences: ws.map((w) => w.sequence), labels: Uint8Array.from(ws.map((w) => w.label)), refs: ws.map((w) => w.lines[0] as LineRef), severities: ws.map((w) => w.severities) });
  return {
    name,
    spec: { ...spec, fractions },
    train: toPart(windows.train),
    validation: toPart(windows.validation),
    test: toPart(windows.test),
    perFile,
    leakage,
    maxPerFile: null,
    decoding: { file: rel, templates, lines: decodeLines, unmatchedKey },
  };
}
