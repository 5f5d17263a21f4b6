import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { BACKDOOR_DEEPLOG_DEFAULTS, runBackdoorStudy, type BackdoorStudyConfig } from "../experiments/backdoor/backdoor-study.js";
import type { BackdoorMetrics } from "../attacks/backdoor/backdoor-metrics.js";
import type { DeepLogParams } from "../models/sequence/deeplog.js";
import type { LogBertParams } from "../models/bert/logbert.js";
import { checkParamRanges } from "../models/param-ranges.js";
import { selectBackend } from "../runtime/backend.js";
import { markdownTable } from "../report/table.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { writeCliManifest } from "./cli-manifest.js";
import { readKeyFileForCli } from "./key-inputs.js";
import { OutputFolder } from "./output-target.js";

export const usage = `usage: loglab backdoor --data-path DIR --out DIR [--model deeplog|logbert] [--seed 1]
                      [--num-epochs 50] [--batch-size-train 1000] [--batch-size-test 1000]
                      [--embedding-dim 50] [--hidden-dim 256] [--num-layers 1]
                      [--poison-ratio 0.1] [--lambda 1] [--trigger-length 3] [--attack-length 5]
                      [--validation-abnormal FILE] [--session-rule miss-count|miss-share|any-miss] [--top-g N]
                      [--max-train-sessions N] [--max-train-seconds S] [--quick] [--no-defence] [--force]

The backdoor study of Cheng, Xu, Yuan (WWW'25 companion) on one key dataset: trains a benign model
and a backdoored one (clean-label [H, P, T] triggers in --poison-ratio of the training sessions,
τ-gated objective weighted by --lambda), plus plain poisoning and the n-gram regularity defence,
and writes report.json (BP precision/recall/F1, ASR, the control's pass rate) and both models
into --out. The arguments follow the study's public code.
  - DIR holds key files train (normal), test_normal and test_abnormal (test_normal_dev and
    test_abnormal_dev are read when the plain names are missing);
  - the last 20% of train validates (early stopping, threshold); with --validation-abnormal
    (anomalies that are not test sessions, e.g. data/bgl-afalog/pool/unlabeled_samples_abnormal)
    each model's g and threshold are chosen there by max F1; without it g is --top-g and the
    threshold flags at most 1% of the validation normals (miss-share: the public code's 10%);
  - DeepLog's session rule: miss-count (default: more than r windows whose next key is outside
    the top g), miss-share (the public code: the share of such windows), any-miss (the paper);
  - M, the attack sequence, is drawn from test_abnormal; H and T from train's keys (seeded);
  - --model logbert: LogBERT (hidden 64, 2 blocks, 4 heads, mask ratio 0.5, g 15 unless
    --hidden-dim / --num-layers are given; --embedding-dim is DeepLog's only); the gate retargets
    masked keys inside the placeholder to M's keys; --max-train-seconds bounds each training;
  - --quick: 6 epochs and the first 2,000 training sessions unless those flags are given;
  - --out must be new or empty; --force replaces an earlier \`loglab backdoor\` output there.`;

function num(args: ReturnType<typeof parseArgs>, name: string, fallback: string, check: (v: number) => boolean, what: string): number {
  const text = flagValue(args, name, fallback)!;
  const v = Number(text);
  if (!check(v)) throw new CliError(`--${name} ${text}: expected ${what}`, 2);
  return v;
}

function dataFile(dir: string, name: string): string {
  for (const n of [name, `${name}_dev`]) if (existsSync(join(dir, n))) return join(dir, n);
  throw new CliError(`--data-path ${dir}: no ${name} (or ${name}_dev) file there`);
}

/** The report.json of one model pair. */
function reportRow(m: BackdoorMetrics): Record<string, number> {
  return { precision: m.precision, recall: m.recall, f1: m.f1, asr: m.asr, controlPassRate: m.controlPassRate, threshold: m.threshold };
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, {
    values: ["data-path", "out", "model", "seed", "num-epochs", "batch-size-train", "batch-size-test", "embedding-dim", "hidden-dim", "num-layers", "poison-ratio", "lambda", "trigger-length", "attack-length", "validation-abnormal", "max-train-sessions", "max-train-seconds", "session-rule", "top-g"],
    booleans: ["quick", "no-defence", "force"],
  });
  if (args.positionals.length) throw new CliError(`unexpected arguments: ${args.positionals.join(" ")}\n${usage}`, 2);
  const dataDir = requireFlag(args, "data-path", usage);
  const out = requireFlag(args, "out", usage);
  const model = flagValue(args, "model", "deeplog");
  if (model !== "deeplog" && model !== "logbert") throw new CliError(`--model ${model}: expected deeplog or logbert`, 2);
  const quick = args.flags.has("quick");
  const int = (v: number) => Number.isInteger(v) && v >= 1;
  const seed = num(args, "seed", "1", Number.isInteger, "an integer");
  const epochs = num(args, "num-epochs", quick ? "6" : "50", int, "an integer ≥ 1");
  const maxTrainSeconds = num(args, "max-train-seconds", "0", (v) => v >= 0 && Number.isFinite(v), "seconds ≥ 0 (0: no bound)");
  const given = (name: string) => flagValue(args, name) !== undefined;
  const logbert: Partial<LogBertParams> = {
    epochs,
    maxTrainSeconds,
    batchSize: num(args, "batch-size-train", "32", int, "an integer ≥ 1"),
    ...(given("hidden-dim") ? { hiddenSize: num(args, "hidden-dim", "64", int, "an integer ≥ 1") } : {}),
    ...(given("num-layers") ? { blocks: num(args, "num-layers", "2", int, "an integer ≥ 1") } : {}),
  };
  const sessionRule = flagValue(args, "session-rule", "miss-count")!;
  if (sessionRule !== "miss-count" && sessionRule !== "miss-share" && sessionRule !== "any-miss") throw new CliError(`--session-rule ${sessionRule}: expected miss-count, miss-share or any-miss`, 2);
  const topG = num(args, "top-g", model === "logbert" ? "15" : "9", int, "an integer ≥ 1");
  if (given("top-g")) logbert.topG = topG;
  const params: Partial<DeepLogParams> = {
    padding: BACKDOOR_DEEPLOG_DEFAULTS.padding,
    sessionRule,
    topGChoice: "validation",
    topG,
    missShare: 0.1,
    epochs,
    batchSize: num(args, "batch-size-train", "1000", int, "an integer ≥ 1"),
    inferenceBatchSize: num(args, "batch-size-test", "1000", int, "an integer ≥ 1"),
    embeddingDim: num(args, "embedding-dim", "50", int, "an integer ≥ 1"),
    hiddenUnits: num(args, "hidden-dim", "256", int, "an integer ≥ 1"),
    layers: num(args, "num-layers", "1", int, "an integer ≥ 1"),
    maxTrainSeconds,
  };
  try {
    if (model === "deeplog") checkParamRanges("deeplog", params, "deeplog parameters");
    else checkParamRanges("logbert", logbert, "logbert parameters");
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  const maxText = flagValue(args, "max-train-sessions", quick ? "2000" : undefined);
  const maxTrainSessions = maxText === undefined ? null : num(args, "max-train-sessions", maxText, int, "an integer ≥ 1");
  const config: Partial<BackdoorStudyConfig> = {
    seed,
    model,
    deeplog: params,
    logbert,
    poison: { ratio: num(args, "poison-ratio", "0.1", (v) => v >= 0 && v <= 1, "a share in [0, 1]"), minLength: 10, every: 50 },
    lambda: num(args, "lambda", "1", (v) => v >= 0 && Number.isFinite(v), "a number ≥ 0"),
    triggerLength: num(args, "trigger-length", "3", int, "an integer ≥ 1"),
    attackLength: num(args, "attack-length", "5", int, "an integer ≥ 1"),
    maxTrainSessions,
    defence: !args.flags.has("no-defence"),
  };
  const files = { train: dataFile(dataDir, "train"), testNormal: dataFile(dataDir, "test_normal"), testAbnormal: dataFile(dataDir, "test_abnormal") };
  const valAbnormalPath = flagValue(args, "validation-abnormal");
  const read = (p: string, flag: string) => readKeyFileForCli(p, flag).sequences;
  const data = {
    train: read(files.train, "--data-path"),
    testNormal: read(files.testNormal, "--data-path"),
    testAbnormal: read(files.testAbnormal, "--data-path"),
    validationAbnormal: valAbnormalPath ? read(valAbnormalPath, "--validation-abnormal") : undefined,
  };
  const inputs = [files.train, files.testNormal, files.testAbnormal, ...(valAbnormalPath ? [valAbnormalPath] : [])];
  const target = OutputFolder.claim(out, { command: "backdoor", force: args.flags.has("force"), inputs });
  try {
    let result;
    try {
      result = await runBackdoorStudy(data, config);
    } catch (err) {
      throw new CliError(`backdoor study: ${(err as Error).message}`);
    }
    try {
      await result.detectors.benign.save(join(target.dir, "benign"));
      await result.detectors.backdoored.save(join(target.dir, "backdoored"));
    } finally {
      result.detectors.benign.dispose();
      result.detectors.backdoored.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    const report = {
      model,
      benign: reportRow(result.benign),
      backdoored: reportRow(result.backdoored),
      plainPoisoning: result.plainPoisoning ? reportRow(result.plainPoisoning) : null,
      defence: result.defence
        ? { ...reportRow(result.defence), flaggedNgrams: result.defence.flagged.length, droppedSessions: result.defence.droppedSessions, droppedPoisoned: result.defence.droppedPoisoned, f1Cost: result.backdoored.f1 - result.defence.f1 }
        : null,
      trigger: result.trigger,
      poisonRatio: result.config.poison.ratio,
      poisonedSessions: result.poisonedSessions,
      lambda: result.config.lambda,
      trainSessions: result.trainSessions,
      validationSessions: result.validationSessions,
      testSessions: { normal: result.benign.normal, abnormal: result.benign.abnormal },
      params: model === "deeplog" ? params : result.config.logbert,
      seed,
      seconds,
    };
    writeJsonAtomic(join(target.dir, "report.json"), report);
    const backend = (await selectBackend()).choice;
    await writeCliManifest({ folder: target.dir }, { command: "backdoor", argv, inputs, config: { ...result.config }, seed, backend, seconds, outputs: readdirSync(target.dir).filter((f) => f !== "manifest.json").sort() });
    target.commit();
    const row = (name: string, m: Record<string, number> | null) => (m ? [{ model: name, P: m.precision!, R: m.recall!, F1: m.f1!, ASR: m.asr!, control: m.controlPassRate! }] : []);
    process.stdout.write(
      [
        `backdoor study, ${model}: trigger H [${result.trigger.head.join(" ")}] M [${result.trigger.attack.join(" ")}] T [${result.trigger.tail.join(" ")}], ${result.poisonedSessions} of ${result.trainSessions} training sessions poisoned, λ ${result.config.lambda}`,
        markdownTable([...row("benign", report.benign), ...row("backdoored", report.backdoored), ...row("plain poisoning", report.plainPoisoning), ...row("defence", report.defence)], undefined, 4),
        `test: ${result.benign.normal} normal, ${result.benign.abnormal} abnormal sessions; ${seconds.toFixed(1)} s`,
        `wrote ${join(out, "report.json")} and the models (benign/, backdoored/)`,
      ].join("\n") + "\n",
    );
  } finally {
    target.release();
  }
  return 0;
}
