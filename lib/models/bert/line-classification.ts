import type { Rejected } from "../../io/rejected.js";
import { isLoghubSystem } from "../../data/loghub-2k.js";
import { detectFormat } from "../../parse/formats/detect.js";
import { resolveFormat } from "../../parse/formats/registry.js";
import { resolveParseSetup, RecordReader } from "../../parse/log-parser.js";
import { TemplateMiner } from "../../parse/drain/template-miner.js";
import type { BertLineClassifier } from "./bert-line-classifier.js";

/** What the classifier says about one raw log line. */
export interface LineClassification {
  /** Line number in the input (1-based). */
  lineNo: number;
  /** The detected (or given) log format: `HDFS`, `syslog-rfc3164`, … */
  logType: string;
  /** The line's template (Drain over the classified lines; parameters as `<*>`). */
  template: string;
  /** The most likely class. */
  class: string;
  /** Its probability. */
  confidence: number;
  /** Probability of every class. */
  probabilities: Record<string, number>;
}

/** Options of {@link classifyLogLines}. */
export interface ClassifyLinesOptions {
  /** A format name, a LogHub-style format string, or `auto` (default: detected from the lines). */
  format?: string;
  /** Name used in rejects (default "input"). */
  file?: string;
  /** Line number of the first line (default 1). */
  firstLineNo?: number;
  /** Lines per model batch (default 100). */
  batchSize?: number;
}

/** Classified lines and the lines that could not be read (header mismatch, empty). */
export interface ClassifiedLines {
  logType: string;
  lines: LineClassification[];
  rejects: Rejected[];
}

/**
 * Classifies raw log lines: the header format (given or detected) splits off the message, Drain
 * (the format's LogHub masks and settings where it is a LogHub system) gives each message its
 * template, and the classifier gives the class probabilities of the message. A line whose header
 * does not fit the format is rejected with the reason, never silently classified.
 *
 * @example
 * const r = classifyLogLines(clf, ["Dec 10 06:55:46 LabSZ sshd[24200]: Failed password for root from 1.2.3.4 port 22 ssh2"]);
 * r.lines[0].class; // "security"
 */
export function classifyLogLines(classifier: BertLineClassifier, rawLines: readonly string[], options: ClassifyLinesOptions = {}): ClassifiedLines {
  const file = options.file ?? "input";
  const first = options.firstLineNo ?? 1;
  const spec = options.format ?? "auto";
  const format = spec === "auto" ? detectFormat(rawLines).format : resolveFormat(spec);
  const reader = new RecordReader(format, file);
  const setup = resolveParseSetup(format, isLoghubSystem(format.name) ? { preset: format.name } : {});
  const miner = new TemplateMiner(setup.minerConfig);
  const rejects: Rejected[] = [];
  const kept: { lineNo: number; content: string }[] = [];
  rawLines.forEach((line, k) => {
    const lineNo = first + k;
    const r = reader.read(line, lineNo);
    if (typeof r === "string") rejects.push({ file, lineNo, reason: r });
    else kept.push({ lineNo, content: r.content });
  });
  const contents = kept.map((k) => k.content);
  const clusters = miner.fit(contents);
  const probs = classifier.predictProba(contents, options.batchSize ?? 100);
  const K = classifier.classes.length;
  const lines = kept.map((k, i) => {
    let best = 0;
    const probabilities: Record<string, number> = {};
    for (let c = 0; c < K; c++) {
      const p = probs[i * K + c]!;
      probabilities[classifier.classes[c]!] = p;
      if (p > probs[i * K + best]!) best = c;
    }
    return { lineNo: k.lineNo, logType: format.name, template: miner.assign(k.content, clusters[i]!).template, class: classifier.classes[best]!, confidence: probs[i * K + best]!, probabilities };
  });
  return { logType: format.name, lines, rejects };
}
