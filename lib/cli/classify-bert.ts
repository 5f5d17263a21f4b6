import { existsSync } from "node:fs";
import { readAllLines } from "../io/line-reader.js";
import { BertLineClassifier } from "../models/bert/bert-line-classifier.js";
import { classifyLogLines } from "../models/bert/line-classification.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { checkFormatFlag } from "./format-flag.js";

export const usage = `usage: loglab classify --model DIR --input FILE [--format NAME|auto] [--jsonl] [--batch N]

Classifies every line of FILE into the seven classes (normal, security, system_failure, performance,
network, config, hardware) with a line classifier saved by \`loglab train-classifier\` (bert-dann,
bert-lora or bert-hybrid). Prints one row per line: line number, detected log type, template, class,
confidence and the probability of every class (tab-separated with a header, or JSON lines with
--jsonl). Lines whose header does not fit the format are reported on stderr with the reason.
  --format   a format name, a LogHub-style format string, or auto (default: detected from the lines)
  --batch    lines per model batch (default 100)`;

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ["model", "input", "format", "batch"], booleans: ["jsonl"] });
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"\n${usage}`, 2);
  const dir = requireFlag(args, "model", usage);
  const input = requireFlag(args, "input", usage);
  const format = checkFormatFlag(flagValue(args, "format", "auto")!);
  const batch = Number(flagValue(args, "batch", "100"));
  if (!Number.isInteger(batch) || batch < 1) throw new CliError(`--batch must be a positive integer`, 2);
  if (!existsSync(input)) throw new CliError(`--input ${input}: no such file`, 2);
  let clf: BertLineClassifier;
  try {
    clf = await BertLineClassifier.load(dir);
  } catch (err) {
    throw new CliError(`--model ${(err as Error).message}`);
  }
  const { lines, lineNos, rejects: readRejects } = await readAllLines(input, { keepEmpty: false });
  const out = process.stdout;
  const classes = clf.classes;
  if (!args.flags.has("jsonl")) out.write(["line", "log_type", "template", "class", "confidence", ...classes.map((c) => `p_${c}`)].join("\t") + "\n");
  let rejected = readRejects.length;
  let classified = 0;
  // Lines go through in chunks (the format is detected on the first chunk and kept).
  const chunk = 5000;
  let fmt = format;
  for (let start = 0; start < lines.length; start += chunk) {
    const part = lines.slice(start, start + chunk);
    const r = classifyLogLines(clf, part, { format: fmt, file: input, firstLineNo: 1, batchSize: batch });
    fmt = r.logType;
    for (const rej of r.rejects) process.stderr.write(`${input}:${lineNos[start + rej.lineNo - 1]}: rejected (${rej.reason})\n`);
    rejected += r.rejects.length;
    for (const l of r.lines) {
      const lineNo = lineNos[start + l.lineNo - 1]!;
      classified++;
      if (args.flags.has("jsonl")) out.write(JSON.stringify({ ...l, lineNo }) + "\n");
      else out.write([lineNo, l.logType, l.template.replace(/\t/g, " "), l.class, l.confidence.toFixed(4), ...classes.map((c) => (l.probabilities[c] ?? 0).toFixed(4))].join("\t") + "\n");
    }
  }
  for (const r of readRejects) process.stderr.write(`${input}:${r.lineNo}: rejected (${r.reason})\n`);
  process.stderr.write(`classified ${classified} lines of ${input} with ${clf.kind}; ${rejected} rejected\n`);
  clf.dispose();
  return 0;
}
