import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { writeFilesAtomic } from "../io/atomic-write.js";
import type { LineRef } from "../io/line-ref.js";
import type { MinerMode } from "../parse/drain/template-miner.js";
import { TemplateMiner } from "../parse/drain/template-miner.js";
import type { LoghubSystem } from "../parse/formats/loghub-presets.js";
import { RecordReader, resolveParseSetup } from "../parse/log-parser.js";
import type { LogRecord } from "../parse/log-record.js";
import { severityOf } from "../label/severity.js";
import { dataPath, projectRoot } from "../runtime/project.js";
import { Rng } from "../runtime/rng.js";
import { generateSyntheticLogs, syntheticLabelsCsv } from "./synthetic.js";
import { checkSplitFractions, SPLIT_NAMES, type SplitFractions, type SplitName } from "../windows/chronological-split.js";
import { sequenceKey } from "../windows/duplicate-stats.js";
import { makeWindow, type EventWindow } from "../windows/event-window.js";
import { fixedCountWindows } from "../windows/fixed.js";
import { checkSplitLeakage } from "../windows/split-leakage.js";
import type { KeyDatasetSplit, KeySplitPart } from "./key-dataset-split.js";

/** Raw labelled logs windowed into sessions, so detections can be read as template text and raw lines. */
export type RawLogDatasetName = ShippedRawLogDatasetName | "synthetic-windows";

/** The raw-log datasets built from files the repository ships. */
export type ShippedRawLogDatasetName = "bgl-2k-windows";

/** How a raw log becomes a split of key sessions. */
export interface RawLogDatasetSpec {
  kind: "raw-log";
  name: RawLogDatasetName;
  description: string;
  /** The raw log under data/. */
  file: readonly string[];
  /** Its header format: a LogHub preset (format, masks, Drain settings) or a registry format name (default masks). */
  format: LoghubSystem | string;
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
export const RAW_LOG_DATASET_SPECS: Readonly<Record<ShippedRawLogDatasetName, RawLogDatasetSpec>> = {
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
export function splitRawLogDataset(name: ShippedRawLogDatasetName, options: { fractions?: SplitFractions } = {}): KeyDatasetSplit {
  const spec = RAW_LOG_DATASET_SPECS[name];
  if (!spec) throw new Error(`unknown raw-log dataset "${name}" (known: ${Object.keys(RAW_LOG_DATASET_SPECS).join(", ")})`);
  const fractions = options.fractions ?? spec.fractions;
  checkSplitFractions(fractions);
  const rel = ["data", ...spec.file].join("/");
  const records = readRawRecords(dataPath(...spec.file), rel, spec);
  return splitRawRecords({ ...spec, fractions }, rel, records, (r) => r.fields[spec.labelField] !== spec.normalValue);
}

/** Every line of a raw log as a record (a line the format cannot read throws, naming file and line). */
function readRawRecords(path: string, rel: string, spec: Pick<RawLogDatasetSpec, "format" | "mode">): LogRecord[] {
  const lines = readFileSync(path, "utf8").split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const setup = resolveParseSetup(spec.format, { mode: spec.mode });
  const reader = new RecordReader(setup.format, rel, setup.timestampOptions);
  const records: LogRecord[] = [];
  lines.forEach((line, i) => {
    const r = reader.read(line, i + 1);
    if (typeof r === "string") throw new Error(`${rel}:${i + 1}: ${r}`);
    records.push(r);
  });
  return records;
}

/** Options of {@link splitSyntheticLogDataset}. */
export interface SyntheticWindowOptions {
  /** Lines to generate (default 3,000). */
  lines?: number;
  /** Share of injected anomalous lines (default 0.02). */
  anomalyRatio?: number;
  seed?: number;
  /** Lines per window (default 10). */
  windowLines?: number;
  fractions?: SplitFractions;
}

/**
 * The synthetic generator's syslog lines (`loglab synth`, seeded) as a raw-log dataset, split like
 * {@link splitRawLogDataset}: the log and its labels are written under `data/generated/` (the
 * same seed and size give the same file, so it is written once), templates are mined on the
 * training lines only, windows of `windowLines` lines are anomalous when one of their lines is an
 * injected anomaly, and each event's severity comes from its words (syslog lines carry no level).
 */
export function splitSyntheticLogDataset(options: SyntheticWindowOptions = {}): KeyDatasetSplit {
  const o = { lines: 3000, anomalyRatio: 0.02, seed: 7, windowLines: 10, fractions: { train: 0.7, validation: 0.1, test: 0.2 }, ...options };
  checkSplitFractions(o.fractions);
  const generated = generateSyntheticLogs(new Rng(o.seed), { format: "syslog", lines: o.lines, anomalyRatio: o.anomalyRatio });
  const file = ["generated", `synthetic-syslog-${o.lines}-${o.anomalyRatio}-seed${o.seed}.log`];
  const path = dataPath(...file);
  const text = generated.map((l) => l.text).join("\n") + "\n";
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) {
    mkdirSync(dirname(path), { recursive: true });
    writeFilesAtomic([
      { path, data: text },
      { path: `${path}.labels.csv`, data: syntheticLabelsCsv(generated) },
    ]);
  }
  const rel = relative(projectRoot(), path).split("\\").join("/");
  const spec: RawLogDatasetSpec = {
    kind: "raw-log",
    name: "synthetic-windows",
    description: `${o.lines} generated syslog lines (loglab synth, seed ${o.seed}, ${Math.round(o.anomalyRatio * o.lines)} injected anomalies of five types), labelled by the generator; templates mined on the training lines only, windows of ${o.windowLines} lines, anomalous when one line is injected; severities from the words.`,
    file,
    format: "syslog-rfc3164",
    mode: "loglab",
    labelField: "(generator label)",
    normalValue: "0",
    windowLines: o.windowLines,
    fractions: o.fractions,
  };
  const records = readRawRecords(path, rel, spec);
  if (records.length !== generated.length) throw new Error(`${rel}: ${records.length} records for ${generated.length} generated lines`);
  return splitRawRecords(spec, rel, records, (_, i) => generated[i]!.label === 1);
}

/** The split of raw records: lines in file order into parts, templates from the training part, fixed windows. */
function splitRawRecords(spec: RawLogDatasetSpec, rel: string, records: readonly LogRecord[], isAnomalous: (r: LogRecord, index: number) => boolean): KeyDatasetSplit {
  const name = spec.name;
  const fractions = spec.fractions;
  const setup = resolveParseSetup(spec.format, { mode: spec.mode });
  const anomalous = records.map((r, i) => isAnomalous(r, i));
  const nTrain = Math.round(records.length * fractions.train);
  const nVal = Math.round(records.length * (fractions.train + fractions.validation)) - nTrain;
  const partRecords: Record<SplitName, LogRecord[]> = { train: records.slice(0, nTrain), validation: records.slice(nTrain, nTrain + nVal), test: records.slice(nTrain + nVal) };
  const partOffset: Record<SplitName, number> = { train: 0, validation: nTrain, test: nTrain + nVal };
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
      const label = w.indices.some((i) => anomalous[partOffset[part] + i]) ? 1 : 0;
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
    spec,
    train: toPart(windows.train),
    validation: toPart(windows.validation),
    test: toPart(windows.test),
    perFile,
    leakage,
    maxPerFile: null,
    decoding: { file: rel, templates, lines: decodeLines, unmatchedKey },
  };
}
