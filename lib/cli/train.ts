import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { DetectionThresholdPolicy } from "../experiments/detection/choose-detector-threshold.js";
import { saveTrained, trainDetectorFromJson } from "../experiments/detection/train-detector.js";
import { describeThresholdSource } from "../eval/threshold-source.js";
import { defaultParams, describeModels, isModelName } from "../models/registry.js";
import { checkParamRanges } from "../models/param-ranges.js";
import { trainingAdvice } from "../models/training-advice.js";
import { resolveConfig } from "../runtime/config.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { readKeyFileForCli } from "./key-inputs.js";
import { writeCliManifest } from "./cli-manifest.js";
import { selectBackend } from "../runtime/backend.js";
import { OutputFolder } from "./output-target.js";
import { runTrainConfig } from "./train-config.js";

export const usage = `usage: loglab train MODEL --normal FILE [--abnormal FILE] [--params JSON|@file.json] --out DIR [--force]
                   [--seed N] [--validation-fraction F] [--threshold max-f1|max-fpr:RATE|fixed:VALUE|model]

Trains MODEL on DeepLog-style key files (one session per line, space-separated integer keys) and
saves it with a model card (loglab-model.json) into DIR.
  - the last F (default 0.2) of each file, in file order, is held out for validation; the rest trains;
    each model fits on its registry fit set: normal sessions (then every abnormal session
    validates), labelled sessions (supervised) or unlabelled sessions (both files, labels removed);
  - the threshold (anomalous where score > threshold) is chosen on validation only: max F1 when
    validation holds anomalies, else the model's own threshold if it has one, else 1% FPR;
  - --params: model parameters as JSON, merged into the defaults; unknown names and values out of
    range are rejected;
  - DIR must be new or empty; --force replaces an earlier \`loglab train\` output there (only once the
    new model is complete). A folder holding anything else is never touched.
   or: loglab train [MODEL] --config FILE --out DIR [--model M] [--embeddings PATH|trained|random] [--force]

With --config, trains on a raw log instead of key files. FILE (YAML or JSON) says:
  model: lstm                      # or MODEL / --model (which wins)
  input: { kind: text-lines | http-access, path: RAW.log, labels: RAW.log.labels.csv | alert-column,
           maxTokens: 50, windowLines: 1, minCount: 1, windowMs: 60000 }
  embeddings: random | trained | vectors.txt   # text-lines: the key embedding's start (--embeddings wins);
                                   # trained = skip-gram on the training lines; a GloVe/fastText text file
  freezeEmbeddings: false          # keep the start vectors fixed
  word2vec: { epochs: 5, window: 4 }
  params: { … }  seed: 42  validationFraction: 0.2  threshold: max-f1
text-lines: each line (or window of windowLines lines) becomes word tokens (parameters masked as
[NUM]/[HEX]/[IP], the first maxTokens kept) numbered by a vocabulary of the training part;
http-access: each request becomes feature tokens (method, status, size, path depth/length,
query keys, character classes, n-grams, user-agent family, per-client rates). The folder keeps
raw-input.json, so \`loglab infer\` / \`loglab detect\` read raw files of the same kind.
Models: ${describeModels()
  .map((m) => `${m.name} (${m.supervision}, fits on ${m.fitSet})`)
  .join(", ")}`;

function parsePolicy(text: string): DetectionThresholdPolicy {
  if (text === "max-f1") return { kind: "max-f1" };
  if (text === "model") return { kind: "model" };
  const [kind, value] = text.split(":");
  const v = Number(value);
  if (kind === "max-fpr" && value !== undefined && v >= 0 && v <= 1) return { kind: "max-fpr", fpr: v };
  if (kind === "fixed" && value !== undefined && Number.isFinite(v)) return { kind: "fixed", threshold: v };
  throw new CliError(`--threshold ${text}: expected max-f1, max-fpr:RATE (0..1), fixed:VALUE or model`, 2);
}

function parseParams(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  let json = text;
  if (text.startsWith("@")) {
    const path = text.slice(1);
    if (!existsSync(path)) throw new CliError(`--params ${text}: no such file`, 2);
    json = readFileSync(path, "utf8");
  }
  try {
    return JSON.parse(json);
  } catch (err) {
    throw new CliError(`--params: not valid JSON (${(err as Error).message})`, 2);
  }
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["normal", "abnormal", "params", "out", "seed", "validation-fraction", "threshold", "config", "model", "embeddings"], booleans: ["force"] });
  const configPath = flagValue(args, "config");
  if (configPath !== undefined) {
    if (args.positionals.length > 1) throw new CliError(`unexpected arguments: ${args.positionals.slice(1).join(" ")}\n${usage}`, 2);
    for (const f of ["normal", "abnormal", "params", "seed", "validation-fraction", "threshold"]) if (flagValue(args, f) !== undefined) throw new CliError(`--${f} does not go with --config (put it in the config file)`, 2);
    return runTrainConfig(argv, { configPath, model: flagValue(args, "model") ?? args.positionals[0], embeddings: flagValue(args, "embeddings"), out: requireFlag(args, "out", usage), force: args.flags.has("force") });
  }
  if (flagValue(args, "model") !== undefined || flagValue(args, "embeddings") !== undefined) throw new CliError(`--model and --embeddings go with --config`, 2);
  const [model, ...extra] = args.positionals;
  if (!model) throw new CliError(`MODEL is required\n${usage}`, 2);
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(" ")}\n${usage}`, 2);
  if (!isModelName(model)) throw new CliError(`unknown model "${model}" (known: ${describeModels().map((m) => m.name).join(", ")})`, 2);
  const normalPath = requireFlag(args, "normal", usage);
  const out = requireFlag(args, "out", usage);
  const abnormalPath = flagValue(args, "abnormal");
  const seed = Number(flagValue(args, "seed", "42"));
  if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer`, 2);
  const vf = Number(flagValue(args, "validation-fraction", "0.2"));
  const thresholdText = flagValue(args, "threshold");
  const policy = thresholdText ? parsePolicy(thresholdText) : undefined;
  const params = parseParams(flagValue(args, "params"));
  try {
    // Unknown names and values out of range are usage errors, found before any work.
    checkParamRanges(model, resolveConfig(defaultParams(model), params, `${model} parameters`), `${model} parameters`);
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  const normal = readKeyFileForCli(normalPath, "--normal");
  const abnormal = abnormalPath ? readKeyFileForCli(abnormalPath, "--abnormal") : undefined;
  const inputs = [normalPath, ...(abnormalPath ? [abnormalPath] : [])];
  const target = OutputFolder.claim(out, { command: "train", force: args.flags.has("force"), inputs });
  let result;
  try {
    try {
      // The untyped entry point: the name and the JSON parameters are checked against the registry.
      result = await trainDetectorFromJson(model, params, { seed, normal: normal.sequences, abnormal: abnormal?.sequences, validationFraction: vf, threshold: policy, files: inputs.map((p) => resolve(p)) });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const nan = result.validationScores.filter((v) => Number.isNaN(v)).length;
    if (nan > 0) throw new CliError(`${model} scored ${nan} of ${result.validationScores.length} validation sessions NaN: training diverged (try a lower learningRate); no model was saved`);
    await saveTrained(target.dir, result);
    const backend = (await selectBackend()).choice;
    await writeCliManifest({ folder: target.dir }, { command: "train", argv, inputs, config: { model, params: result.card.params, validationFraction: vf, threshold: result.card.thresholdPolicy }, seed, backend, seconds: (performance.now() - started) / 1000, outputs: readdirSync(target.dir).filter((f) => f !== "manifest.json").sort() });
    target.commit();
  } finally {
    target.release();
    result?.detector.dispose();
  }
  const v = result.card.validation;
  const c = result.card;
  process.stdout.write(
    [
      `trained ${model} on ${c.training.sessions} sessions (${c.training.normal} normal, ${c.training.abnormal} abnormal) in ${result.fitSeconds.toFixed(2)} s` +
        (normal.blankLines.length + (abnormal?.blankLines.length ?? 0) > 0 ? ` (${normal.blankLines.length + (abnormal?.blankLines.length ?? 0)} blank lines skipped)` : ""),
      `validation: ${c.training.validationSessions} sessions (${c.validationSplit?.normal} normal, ${c.validationSplit?.abnormal} abnormal; ${c.validationSplit?.repeatsOfFitSessions} repeat a fit session)`,
      `threshold ${c.threshold} (${c.thresholdSource ? describeThresholdSource(c.thresholdSource) : "chosen at training"})`,
      v ? `at that threshold on validation: precision ${v.precision.toFixed(4)}, recall ${v.recall.toFixed(4)}, F1 ${v.f1.toFixed(4)}, FP ${v.fp}, FN ${v.fn}` : "no validation metrics",
      `saved to ${out}`,
    ].join("\n") + "\n",
  );
  const advice = trainingAdvice({
    model,
    family: describeModels([model]).at(0)!.family,
    params: c.params as Record<string, unknown>,
    fitSessions: result.fitSequences,
    validation: v ?? null,
    validationRepeats: c.validationSplit?.repeatsOfFitSessions ?? null,
  });
  for (const a of advice) process.stderr.write(`loglab train: warning: ${a}\n`);
  return 0;
}
