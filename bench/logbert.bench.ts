/**
 * LogBERT on HDFS and BGL: detection quality and training/scoring time under DeepLog's protocol
 * (normal-only training; every choice on normal validation data, never on test data):
 * - HDFS (data/hdfs-deeplog): fit on the first 85% of the first 80% of `hdfs_train` (file order),
 *   validate on the rest of that 80%; test on the last 20% of `hdfs_train` (normal) and the whole
 *   `hdfs_test_abnormal_dev` file (as bench:deeplog);
 * - BGL (data/bgl-afalog): fit on the first 85% of `train` (normal), validate on the rest plus the
 *   first 500 sessions of the labelled abnormal pool (`pool/unlabeled_samples_abnormal`: AFALog's
 *   pool, no session of it in train or test); test on `test_normal_dev` + `test_abnormal_dev`.
 * HDFS: g is the paper's (6; mask ratio 0.65) and r, the threshold on the number of a session's keys
 * outside the top g, the lowest whose FPR on the validation normals is at most 1% (`chooseThreshold`
 * max-fpr). BGL (mask ratio 0.5): g and r are chosen on the labelled validation sessions (max F1;
 * the reference code picks them on the test set). The validation normals drive early stopping. A
 * session holding a key never seen in training is flagged (LogBERT's `unseenKeys: "flag"`).
 *
 *   npm run bench:logbert -- [--json FILE] [--seed N] [--quick] [--only hdfs|bgl] [--max-train-seconds S]
 *
 * --quick: a small model (hidden 32, 1 block, 3 epochs) on at most 800 fit sessions, to show the
 * pipeline works in about a minute; its numbers are not LogBERT's. Prints, per dataset, and writes
 * as JSON keys hdfs.{f1, precision, recall, fpr, f1Unseen, trainSeconds, scoreSeconds, …} and
 * bgl.{…}. Figures are reported, never asserted (bench/ is not a test).
 */
import { cpus } from "node:os";
import { chooseThreshold } from "../lib/eval/choose-threshold.js";
import { detectionReport, seenSessions } from "../lib/eval/detection-report.js";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { readKeySessions } from "../lib/io/key-files.js";
import { LogBert, LOGBERT_DEFAULTS, type LogBertParams } from "../lib/models/bert/logbert.js";
import { selectBackend } from "../lib/runtime/backend.js";
import { dataPath } from "../lib/runtime/project.js";
import { Rng } from "../lib/runtime/rng.js";
import { markdownTable } from "../lib/report/table.js";
import { benchFlags } from "./bench-flags.js";

const USAGE = "usage: npm run bench:logbert -- [--json FILE] [--seed N] [--quick] [--only hdfs|bgl] [--max-train-seconds S]";

interface Args {
  json: string | null;
  seed: number;
  quick: boolean;
  only: "hdfs" | "bgl" | null;
  /** Training budget per dataset (default 900 s). */
  maxTrainSeconds: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: null, seed: 42, quick: false, only: null, maxTrainSeconds: 900 };
  for (const { flag: a, value } of benchFlags(argv, USAGE)) {
    if (a === "--json") args.json = value();
    else if (a === "--seed") {
      args.seed = Number(value());
      if (!Number.isInteger(args.seed)) throw new Error(`--seed must be an integer (${USAGE})`);
    } else if (a === "--quick") args.quick = true;
    else if (a === "--max-train-seconds") {
      args.maxTrainSeconds = Number(value());
      if (!(args.maxTrainSeconds > 0)) throw new Error(`--max-train-seconds must be a number > 0 (${USAGE})`);
    }
    else if (a === "--only") {
      const v = value();
      if (v !== "hdfs" && v !== "bgl") throw new Error(`--only ${v}: expected hdfs or bgl (${USAGE})`);
      args.only = v;
    } else throw new Error(`unknown argument ${a} (${USAGE})`);
  }
  return args;
}

interface Split {
  fit: number[][];
  validation: number[][];
  /** Labelled anomalies for validation (never test sessions); empty: r at ≤ 1% FPR of the validation normals. */
  validationAbnormal: number[][];
  testNormal: number[][];
  testAbnormal: number[][];
}

/** One dataset's figures (the JSON's hdfs / bgl objects). */
interface DatasetRun {
  f1: number;
  precision: number;
  recall: number;
  fpr: number;
  f1Unseen: number;
  recallUnseen: number;
  fprUnseen: number;
  unseenSessions: number;
  trainSeconds: number;
  scoreSeconds: number;
  g: number;
  r: number;
  rRule: string;
  epochs: number;
  stoppedBecause: string;
  sessions: { fit: number; validation: number; validationAbnormal: number; testNormal: number; testAbnormal: number };
  params: LogBertParams;
}

function hdfsSplit(): Split {
  const train = readKeySessions(dataPath("hdfs-deeplog", "hdfs_train")).sequences;
  const abnormal = readKeySessions(dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev")).sequences;
  const n80 = Math.floor(train.length * 0.8);
  const nFit = Math.floor(n80 * 0.85);
  return { fit: train.slice(0, nFit), validation: train.slice(nFit, n80), validationAbnormal: [], testNormal: train.slice(n80), testAbnormal: abnormal };
}

function bglSplit(): Split {
  const train = readKeySessions(dataPath("bgl-afalog", "train")).sequences;
  const nFit = Math.floor(train.length * 0.85);
  const pool = readKeySessions(dataPath("bgl-afalog", "pool", "unlabeled_samples_abnormal")).sequences;
  return { fit: train.slice(0, nFit), validation: train.slice(nFit), validationAbnormal: pool.slice(0, 500), testNormal: readKeySessions(dataPath("bgl-afalog", "test_normal_dev")).sequences, testAbnormal: readKeySessions(dataPath("bgl-afalog", "test_abnormal_dev")).sequences };
}

async function runDataset(name: string, split: Split, params: LogBertParams, seed: number, quick: boolean): Promise<DatasetRun> {
  const fit = quick ? split.fit.slice(0, 800) : split.fit;
  const validation = quick ? split.validation.slice(0, 300) : split.validation;
  const valAbnormal = quick ? split.validationAbnormal.slice(0, 100) : split.validationAbnormal;
  const labelled = { sequences: [...validation, ...valAbnormal], labels: Uint8Array.from([...validation.map(() => 0), ...valAbnormal.map(() => 1)]) };
  const { testNormal, testAbnormal } = split;
  console.log(`\n## ${name}: fit ${fit.length} normal sessions, validation ${validation.length} normal + ${valAbnormal.length} abnormal, test ${testNormal.length} normal + ${testAbnormal.length} abnormal`);
  console.log(`model: hidden ${params.hiddenSize}, ${params.blocks} blocks × ${params.heads} heads, ffn ${params.ffnDim}, maxLength ${params.maxLength}, mask ratio ${params.maskRatio}, g ${params.topG}, ≤ ${params.epochs} epochs${params.maxTrainSeconds ? `, ≤ ${params.maxTrainSeconds} s` : ""}`);
  const model = new LogBert(params, new Rng(seed));
  const t0 = performance.now();
  const rep = await model.fit({ sequences: fit }, labelled);
  const trainSeconds = (performance.now() - t0) / 1000;
  console.log(`trained in ${trainSeconds.toFixed(1)} s: ${rep.history?.length ?? 0} epochs (${rep.stoppedBecause}); ${rep.distinctSessions} distinct sessions, ${rep.rows} rows, vocabulary ${rep.vocabulary}, ${rep.parameters} parameters`);
  const valScores = await model.score(labelled);
  const choice = valAbnormal.length > 0 ? chooseThreshold(labelled.labels, valScores, { kind: "max-f1" }) : chooseThreshold(labelled.labels, valScores, { kind: "max-fpr", fpr: 0.01 });
  const r = choice.threshold;
  const rRule =
    valAbnormal.length > 0
      ? `g = ${model.topG} (${rep.topGSource}), r = ${r}: max F1 (${(choice.validation?.f1 ?? 0).toFixed(4)}) on ${validation.length} normal + ${valAbnormal.length} abnormal validation sessions`
      : `r = ${r}: the lowest number of keys outside the top ${model.topG} that flags at most 1% of ${validation.length} validation normal sessions`;
  console.log(rRule);
  const test = [...testNormal, ...testAbnormal];
  const labels = new Uint8Array(test.length).fill(1, testNormal.length);
  const t1 = performance.now();
  const scores = await model.score({ sequences: test });
  const scoreSeconds = (performance.now() - t1) / 1000;
  const rep2 = detectionReport(test, labels, scores, r, seenSessions(fit));
  const a = rep2.all;
  const u = rep2.unseen!;
  console.log(`scored ${test.length} test sessions in ${scoreSeconds.toFixed(2)} s`);
  console.log(
    markdownTable(
      [
        { counted: "all test sessions", sessions: a.sessions, precision: a.precision, recall: a.recall, F1: a.f1, "FPR %": a.fpr * 100 },
        { counted: "unseen in training", sessions: u.sessions, precision: u.precision, recall: u.recall, F1: u.f1, "FPR %": u.fpr * 100 },
      ],
      undefined,
      4,
    ),
  );
  model.dispose();
  return {
    f1: a.f1,
    precision: a.precision,
    recall: a.recall,
    fpr: a.fpr,
    f1Unseen: u.f1,
    recallUnseen: u.recall,
    fprUnseen: u.fpr,
    unseenSessions: u.sessions,
    trainSeconds,
    scoreSeconds,
    g: model.topG,
    r,
    rRule,
    epochs: rep.history?.length ?? 0,
    stoppedBecause: rep.stoppedBecause ?? "",
    sessions: { fit: fit.length, validation: validation.length, validationAbnormal: valAbnormal.length, testNormal: testNormal.length, testAbnormal: testAbnormal.length },
    params,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const backend = await selectBackend();
  console.log(`LogBERT benchmark · backend ${backend.choice} (${backend.tfBackend}, TF.js ${backend.tfjsVersion}) · ${cpus().length} cores · seed ${args.seed}${args.quick ? " · QUICK (small model, few epochs: not LogBERT's numbers)" : ""}`);
  // A size one wasm thread trains in minutes (the paper's hidden 256 × 4 blocks would take hours here).
  const size: Partial<LogBertParams> = args.quick
    ? { hiddenSize: 32, blocks: 1, heads: 2, ffnDim: 64, epochs: 3, maxLength: 64, earlyStoppingPatience: 0 }
    : { hiddenSize: 64, blocks: 2, heads: 4, ffnDim: 128, epochs: 30, maxLength: 128, maxTrainSeconds: args.maxTrainSeconds };
  const base: LogBertParams = { ...LOGBERT_DEFAULTS, ...size, topGChoice: "fixed" };
  const out: Record<string, unknown> = {
    benchmark: "logbert",
    backend: backend.choice,
    tfBackend: backend.tfBackend,
    tfjsVersion: backend.tfjsVersion,
    cores: cpus().length,
    seed: args.seed,
    quick: args.quick,
    maxTrainSeconds: args.maxTrainSeconds,
  };
  if (args.only !== "bgl") out.hdfs = await runDataset("HDFS", hdfsSplit(), { ...base, topG: 6, maskRatio: 0.65 }, args.seed, args.quick);
  if (args.only !== "hdfs") out.bgl = await runDataset("BGL", bglSplit(), { ...base, topG: 15, maskRatio: 0.5, topGChoice: "validation" }, args.seed, args.quick);
  if (args.json) {
    writeJsonAtomic(args.json, out);
    console.log(`\nwrote ${args.json}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
