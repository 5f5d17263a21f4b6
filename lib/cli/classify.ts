import { existsSync, readFileSync, statSync } from "node:fs";
import { apiClassName } from "../classify/api-class-names.js";
import { loadLineClassifier } from "../classify/line-classifier-folder.js";
import type { LineClassification } from "../classify/line-classifier.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { checkFormatFlag } from "./format-flag.js";

export const usage = `usage: loglab classify --model DIR --input FILE [--format NAME|auto] [--detection batch-first|every-line]
                       [--batch N] [--json]

Classifies every non-blank line of FILE with a line classifier folder (the classic 7-class model
\`loglab serve\` trains into models/classifier-ml on its first start, or a BERT variant) and prints
one row per line, tab-separated:
  line  log_type  class  confidence  probabilities (one per class, in the model's class order)  template
With --json, one JSON object per line instead. Class names are loglab's (normal, security, …); the
REST API's names (security_anomaly, …) are in the JSON as api_class.

  --format     header format of every line, or auto (default): detected per batch and confirmed per
               line (a line the batch's format does not fit gets its own detection)
  --detection  batch-first (default) or every-line (detectFormat on each line alone; slower)
  --batch      lines classified together (default 100)

Prints to stderr the line count, the time per line in batches and for single lines.`;

function row(r: LineClassification, line: number): string {
  return [line, r.logType, r.className, r.confidence.toFixed(4), r.probabilities.map((p) => p.toFixed(4)).join(","), r.template].join("\t");
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ["model", "input", "format", "detection", "batch"], booleans: ["json"] });
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"\n${usage}`, 2);
  const dir = requireFlag(args, "model", usage);
  const input = requireFlag(args, "input", usage);
  const format = checkFormatFlag(flagValue(args, "format", "auto")!);
  const detection = flagValue(args, "detection", "batch-first")!;
  if (detection !== "batch-first" && detection !== "every-line") throw new CliError(`--detection must be batch-first or every-line, got "${detection}"`, 2);
  const batch = Number(flagValue(args, "batch", "100"));
  if (!Number.isInteger(batch) || batch <= 0) throw new CliError(`--batch must be a positive integer, got "${flagValue(args, "batch")}"`, 2);
  if (!existsSync(input)) throw new CliError(`cannot read input ${input}: no such file`, 1);
  if (statSync(input).isDirectory()) throw new CliError(`cannot read input ${input}: it is a directory`, 1);
  let classifier;
  try {
    classifier = await loadLineClassifier(dir);
  } catch (err) {
    throw new CliError(`--model ${(err as Error).message}`, 1);
  }
  const all = readFileSync(input, "utf8").split(/\r?\n/);
  const lines: { text: string; no: number }[] = [];
  all.forEach((text, i) => {
    if (text.trim() !== "") lines.push({ text, no: i + 1 });
  });
  const options = { format, detection: detection as "batch-first" | "every-line" };
  const out: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < lines.length; i += batch) {
    const part = lines.slice(i, i + batch);
    const results = await classifier.classify(part.map((l) => l.text), options);
    results.forEach((r, k) => {
      const no = part[k]!.no;
      out.push(
        args.flags.has("json")
          ? JSON.stringify({ line: no, log_type: r.logType, class: r.className, api_class: apiClassName(r.classIndex), class_index: r.classIndex, confidence: r.confidence, probabilities: r.probabilities, template: r.template, template_matched: r.templateMatched, content: r.content })
          : row(r, no),
      );
    });
  }
  const batchMs = performance.now() - t0;
  // Single-line latency: the first lines again, one request each (what one API call per line costs).
  const probe = lines.slice(0, Math.min(lines.length, 200));
  const t1 = performance.now();
  for (const l of probe) await classifier.classify([l.text], options);
  const singleMs = probe.length ? (performance.now() - t1) / probe.length : 0;
  if (!args.flags.has("json")) process.stdout.write(`line\tlog_type\tclass\tconfidence\tprobabilities(${classifier.card.classes.join(",")})\ttemplate\n`);
  process.stdout.write(out.length ? out.join("\n") + "\n" : "");
  const blank = all.length - lines.length - (all[all.length - 1] === "" ? 1 : 0);
  process.stderr.write(
    `${classifier.card.name}: ${lines.length} lines classified${blank > 0 ? ` (${blank} blank lines skipped)` : ""}; ` +
      `${lines.length ? ((batchMs / lines.length) * 1000).toFixed(1) : "0"} µs per line in batches of ${batch}, ` +
      `${(singleMs * 1000).toFixed(1)} µs per single-line call (${probe.length} lines)\n`,
  );
  classifier.dispose();
  return 0;
}
