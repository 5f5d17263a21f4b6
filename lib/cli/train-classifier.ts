import { existsSync, readdirSync } from "node:fs";
import { loadLabelledLogLines } from "../experiments/labelling/labelled-log-lines.js";
import { BertLineClassifier, BERT_LINE_CLASSIFIER_KINDS, type BertLineClassifierKind, type BertLineClassifierParams } from "../models/bert/bert-line-classifier.js";
import { disposeLogTextEncoder, loadLogTextEncoder } from "../models/bert/log-text-encoder.js";
import { supportedClassReport } from "../eval/supported-class-report.js";
import { randomLineSplit, templateLineSplit } from "../windows/line-protocols.js";
import { resolveConfig } from "../runtime/config.js";
import { modelsPath } from "../runtime/project.js";
import { selectBackend } from "../runtime/backend.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { writeCliManifest } from "./cli-manifest.js";
import { defaultBertLineParams } from "../models/bert/bert-line-classifier.js";
import { BertLineScorer } from "../classify/bert-line-scorer.js";
import { saveLineClassifier } from "../classify/line-classifier-folder.js";
import type { LineClassifierCard } from "../classify/line-classifier.js";
import { buildLoghubLineSet } from "../classify/loghub-line-set.js";
import { ScoredLineClassifier } from "../classify/scored-line-classifier.js";

export const usage = `usage: loglab train-classifier MODEL --out DIR [--encoder DIR] [--split random|template] [--seed N] [--params JSON]

Fine-tunes a line classifier (MODEL: ${BERT_LINE_CLASSIFIER_KINDS.join(", ")}) from a pretrained log-text encoder
(--encoder, default models/bert-log-encoder-smoke; make one with \`loglab pretrain\`) on the 7-class rule labels
of the 16 LogHub 2k samples (notebook 02's rules). The lines are split 60/20/20 (--split random: by line;
template: by template, as notebook 05); training uses the first part, early stopping the second, and the
test part is scored once and printed. DIR then serves \`loglab classify --model DIR\`.
  --params   hyperparameters as JSON, merged into the model's defaults (unknown names are rejected)`;

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["out", "encoder", "split", "seed", "params"], booleans: ["force"] });
  const [model, ...extra] = args.positionals;
  if (!model) throw new CliError(`MODEL is required\n${usage}`, 2);
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(" ")}\n${usage}`, 2);
  if (!(BERT_LINE_CLASSIFIER_KINDS as readonly string[]).includes(model)) throw new CliError(`unknown model "${model}" (known: ${BERT_LINE_CLASSIFIER_KINDS.join(", ")})`, 2);
  const kind = model as BertLineClassifierKind;
  const out = requireFlag(args, "out", usage);
  if (existsSync(out) && readdirSync(out).length > 0 && !args.flags.has("force")) throw new CliError(`${out} exists and is not empty (use --force to overwrite)`, 2);
  const encoderDir = flagValue(args, "encoder") ?? modelsPath("bert-log-encoder-smoke");
  const split = flagValue(args, "split", "random");
  if (split !== "random" && split !== "template") throw new CliError(`--split must be random or template, got "${split}"`, 2);
  const seed = Number(flagValue(args, "seed", "42"));
  if (!Number.isInteger(seed)) throw new CliError("--seed must be an integer", 2);
  let params: Partial<BertLineClassifierParams> = {};
  const p = flagValue(args, "params");
  if (p !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(p);
    } catch (err) {
      throw new CliError(`--params: not valid JSON (${(err as Error).message})`, 2);
    }
    try {
      params = resolveConfig(defaultBertLineParams(kind), json, "--params");
    } catch (err) {
      throw new CliError((err as Error).message, 2);
    }
  }
  let encoder;
  try {
    encoder = await loadLogTextEncoder(encoderDir);
  } catch (err) {
    throw new CliError(`--encoder ${(err as Error).message}`);
  }
  const lines = loadLabelledLogLines();
  const s = split === "random" ? randomLineSplit(lines.y.length, seed) : templateLineSplit(lines.group, seed);
  const pick = <T>(xs: readonly T[], idx: Int32Array): T[] => Array.from(idx, (i) => xs[i]!);
  const clf = await BertLineClassifier.fit(kind, encoder, { contents: pick(lines.content, s.train), y: Int32Array.from(s.train, (i) => lines.y[i]!), domains: pick(lines.systemOf, s.train), validation: { contents: pick(lines.content, s.validation), y: Int32Array.from(s.validation, (i) => lines.y[i]!) } }, { seed, params, classes: lines.classes });
  disposeLogTextEncoder(encoder);
  const yOf = (idx: Int32Array): Int32Array => Int32Array.from(idx, (i) => lines.y[i]!);
  const trainY = yOf(s.train);
  const validation = supportedClassReport(yOf(s.validation), clf.predict(pick(lines.content, s.validation)), lines.classes, trainY);
  const report = supportedClassReport(yOf(s.test), clf.predict(pick(lines.content, s.test)), lines.classes, trainY);
  // The folder is a line classifier like the classic one: the shared analyzer (log type, Drain
  // state per LogHub system, so templates match training) + this model as its scorer.
  const analyzer = buildLoghubLineSet().analyzer;
  const card: LineClassifierCard = {
    format: "loglab.line-classifier",
    version: 1,
    kind: "bert",
    name: kind,
    classes: [...lines.classes],
    featureType: kind === "bert-hybrid" ? "wordpiece-bert+template-features" : "wordpiece-bert",
    params: { ...clf.params, encoder: encoderDir },
    seed,
    trainedAt: new Date().toISOString(),
    training: { source: "data/loghub-2k (16 systems)", samples: s.train.length, validationSamples: s.validation.length, testSamples: s.test.length, split: `${split}, seeded, 60/20/20 of lines`, labels: "rule-based 7 classes (lib/label, notebook 02)" },
    metrics: { validation: { macroF1: validation.macroF1, accuracy: validation.accuracy }, test: { macroF1: report.macroF1, accuracy: report.accuracy } },
    selection: "early stopping on the validation class loss; test scored once",
  };
  await saveLineClassifier(out, new ScoredLineClassifier(card, analyzer, new BertLineScorer(clf)));
  const files = ["loglab-classifier.json", "line-analyzer.json", "classifier.json", "tokenizer.json", "weights.json", "weights.bin", ...(kind === "bert-hybrid" ? ["templates.json"] : [])];
  const pc = clf.parameters;
  process.stdout.write(
    [
      `trained ${kind} on ${s.train.length} lines (${clf.report!.distinctRows} distinct) in ${clf.report!.seconds.toFixed(1)} s (${clf.report!.stoppedBecause})`,
      `parameters: ${clf.report!.parameters.trainable} trainable of ${pc.total}`,
      `test (${split} split, ${s.test.length} lines): macro F1 ${report.macroF1.toFixed(4)}, weighted F1 ${report.weightedF1.toFixed(4)}, accuracy ${report.accuracy.toFixed(4)}`,
      `saved to ${out}`,
    ].join("\n") + "\n",
  );
  clf.dispose();
  return 0;
}
