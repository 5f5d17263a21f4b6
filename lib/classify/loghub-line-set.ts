import { readFileSync } from "node:fs";
import { loghubLogPath } from "../data/loghub-2k.js";
import { labelLoghubSystem } from "../experiments/labelling/loghub-labels.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../parse/formats/loghub-presets.js";
import { TemplateMiner } from "../parse/drain/template-miner.js";
import { parseLines } from "../parse/log-parser.js";
import { DEFAULT_MASKING_RULES } from "../parse/masking.js";
import { LineAnalyzer } from "./line-analyzer.js";

/** One labelled LogHub line as the line classifier sees it. */
export interface LoghubLineSample {
  system: LoghubSystem;
  /** 1-based line in `<System>_2k.log`. */
  lineId: number;
  raw: string;
  content: string;
  /** Template from the fitted analyzer (the same read-only match serving uses). */
  template: string;
  templateId: string;
  /** Rule-based 7-class label (notebook 02's labeler), index into LOG_CLASSES. */
  classIndex: number;
}

/** Options of {@link buildLoghubLineSet}. */
export interface LoghubLineSetOptions {
  systems?: readonly LoghubSystem[];
  /** Only the first N lines of each system (smoke runs and tests). */
  maxLinesPerSystem?: number;
  /** Called once per system (progress). */
  onSystem?: (system: LoghubSystem, done: number, total: number) => void;
}

/** The labelled lines and the analyzer fitted on them. */
export interface LoghubLineSet {
  analyzer: LineAnalyzer;
  samples: LoghubLineSample[];
  /** Lines the system's header format rejected (left out), with the reason. */
  rejected: { system: LoghubSystem; lineNo: number; reason: string }[];
}

/**
 * The shipped LogHub 2k lines (data/loghub-2k) as training data for a line classifier: each
 * system's raw log is parsed with its preset (format, masks, Drain settings; two passes), which
 * gives that log type's Drain state; the labels are the rule-based 7 classes of notebook 02
 * (`labelLoghubSystem`, computed from the shipped ground-truth rows, so no results/ are needed).
 * A fallback Drain state, fitted on every system's messages with the default masks, serves log
 * types outside the 16. Every template is then taken by `LineAnalyzer.analyze`, the call serving
 * uses, so training and serving features agree by construction.
 */
export function buildLoghubLineSet(options: LoghubLineSetOptions = {}): LoghubLineSet {
  const systems = options.systems ?? LOGHUB_SYSTEMS;
  const miners = new Map<string, TemplateMiner>();
  const raws = new Map<LoghubSystem, string[]>();
  const rejected: LoghubLineSet["rejected"] = [];
  const fallback = new TemplateMiner({ mode: "loglab", masking: DEFAULT_MASKING_RULES });
  systems.forEach((system, k) => {
    let lines = readFileSync(loghubLogPath(system), "utf8").split(/\r?\n/);
    if (lines[lines.length - 1] === "") lines.pop();
    if (options.maxLinesPerSystem !== undefined) lines = lines.slice(0, options.maxLinesPerSystem);
    const parsed = parseLines(lines, { format: system, file: loghubLogPath(system) });
    for (const r of parsed.rejects) rejected.push({ system, lineNo: r.lineNo, reason: r.reason });
    miners.set(system, parsed.miner);
    fallback.fit(parsed.events.map((e) => e.content));
    raws.set(system, lines);
    options.onSystem?.(system, k + 1, systems.length);
  });
  const analyzer = new LineAnalyzer(miners, fallback);
  const samples: LoghubLineSample[] = [];
  for (const system of systems) {
    const lines = raws.get(system)!;
    const labels = labelLoghubSystem(system).rows;
    const classOf = new Map(labels.map((r) => [r.lineId, r.classIndex]));
    const rejectedHere = new Set(rejected.filter((r) => r.system === system).map((r) => r.lineNo));
    const analyzed = analyzer.analyze(lines, { format: system });
    analyzed.forEach((a, i) => {
      const lineId = i + 1;
      const y = classOf.get(lineId);
      if (rejectedHere.has(lineId)) return;
      if (y === undefined) throw new Error(`${loghubLogPath(system)}:${lineId}: no rule label for this line (the structured CSV has ${labels.length} rows)`);
      samples.push({ system, lineId, raw: a.raw, content: a.content, template: a.template, templateId: a.templateId, classIndex: y });
    });
  }
  return { analyzer, samples, rejected };
}
