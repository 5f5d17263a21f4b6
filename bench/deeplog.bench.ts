/**
 * DeepLog on HDFS: training and scoring speed, and detection quality, under the HDFS protocol of
 * notebook 06 (the DeepLog normal test file is not available):
 * - fit on the first 85% of the first 80% of `hdfs_train` (file order), validate on the rest of
 *   that 80% (early stopping, learning-rate schedule, and g, on normal sessions only);
 * - test on the last 20% of `hdfs_train` (normal) and the whole `hdfs_test_abnormal_dev` file.
 *
 *   npm run bench:deeplog -- [--json FILE] [--seed N | --seeds N,N,…] [--epochs N]
 *
 * Prints windows per second for training and inference, distinct-window counts, wall times, the
 * backend, and recall / FPR at the g chosen on validation (and at the paper's g = 9); the same on
 * the test sessions never seen in training ("unseen": their key sequence is not one of the fit
 * sessions), and the recall split by what flagged each abnormal session (a key unseen in
 * training, the padding rule for sessions shorter than window + 1, or the LSTM's ranks). With
 * `--seeds`, one full run per seed, then the per-seed table and the medians (the JSON's top-level
 * figures are then the medians, every run under `runs`): one seed's luck is not a result.
 * Figures are reported, never asserted (CONTRIBUTING: bench/ is not a test).
 */
import { cpus } from "node:os";
import { readKeySessions } from "../lib/io/key-files.js";
import { decide, evaluateAt } from "../lib/eval/confusion.js";
import { detectionReport, seenSessions } from "../lib/eval/detection-report.js";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { DeepLog, DEEPLOG_DEFAULTS } from "../lib/models/sequence/deeplog.js";
import { chooseTopG } from "../lib/models/sequence/top-g-sweep.js";
import { selectBackend } from "../lib/runtime/backend.js";
import { dataPath } from "../lib/runtime/project.js";
import { Rng } from "../lib/runtime/rng.js";
import { markdownTable } from "../lib/report/table.js";
import { median } from "./median.js";

interface Args {
  json: string | null;
  seeds: number[];
  epochs: number | null;
}

const USAGE = "usage: npm run bench:deeplog -- [--json FILE] [--seed N | --seeds N,N,…] [--epochs N]";

function parseSeeds(text: string): number[] {
  const seeds = text.split(",").map((t) => Number(t.trim()));
  if (seeds.length === 0 || seeds.some((n) => !Number.isInteger(n))) throw new Error(`--seeds ${text}: expected integers separated by commas (${USAGE})`);
  return seeds;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: null, seeds: [42], epochs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--json") args.json = value();
    else if (a === "--seed" || a === "--seeds") args.seeds = parseSeeds(value());
    else if (a === "--epochs") args.epochs = Number(value());
    else throw new Error(`unknown argument ${a} (${USAGE})`);
  }
  return args;
}

const fmt = (n: number, d = 0): string => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

interface Data {
  fit: number[][];
  validation: number[][];
  testNormal: number[][];
  abnormal: number[][];
}

/** One seed's figures (the JSON keys of a single-seed run). */
type SeedRun = Record<string, unknown> & { seed: number; recall: number; fpr: number; f1: number; g: number; trainSeconds: number; scoreSeconds: number; epochs: number };

/** Trains, chooses g on validation and tests DeepLog for one seed, printing as it goes. */
async function runSeed(seed: number, params: typeof DEEPLOG_DEFAULTS, data: Data): Promise<SeedRun> {
  const { fit, validation, testNormal, abnormal } = data;
  console.log(`\n## seed ${seed}`);
  const detector = new DeepLog(params, new Rng(seed));
  const t0 = performance.now();
  const report = await detector.fit({ sequences: fit }, { sequences: validation });
  const trainSeconds = (performance.now() - t0) / 1000;
  const info = report;
  const epochs = report.history?.length ?? 0;
  const totalWindows = Number(info.totalWindows);
  const distinctPairs = Number(info.distinctPairs);
  const trainLoopSeconds = Number(info.trainSeconds);
  const pairsPerSecond = (distinctPairs * epochs) / trainLoopSeconds;
  const windowsPerSecondTrain = (totalWindows * epochs) / trainLoopSeconds;
  console.log(`\ntraining: ${fmt(totalWindows)} windows → ${fmt(distinctPairs)} distinct (window, next key) pairs (${fmt(Number(info.distinctWindows))} distinct windows, vocabulary ${info.vocabulary})`);
  console.log(`  ${epochs} epochs, ${report.stoppedBecause}`);
  console.log(`  ${fmt(pairsPerSecond)} distinct pairs/s trained = ${fmt(windowsPerSecondTrain)} windows/s equivalent (count-weighted)`);
  console.log(`  wall time ${fmt(trainSeconds, 1)} s (target ≤ 120 s; PyTorch reference: 1,033 s for 100 epochs)`);

  const tg = performance.now();
  const valScores = detector.scoreDetailed({ sequences: validation });
  const expected = detector.expectedFalseAlarmRates({ sequences: validation }, detector.vocabulary.size);
  const choice = chooseTopG(valScores.scores, expected, 0.01, detector.vocabulary.size);
  const chooseSeconds = (performance.now() - tg) / 1000;
  console.log(`\ntop-g on validation: g = ${choice.g} (${choice.rule}; ${fmt(chooseSeconds, 2)} s)`);

  const abn = detector.scoreDetailed({ sequences: abnormal });
  const norm = detector.scoreDetailed({ sequences: testNormal });
  console.log(`\nscoring ${abnormal.length} abnormal sessions: ${fmt(abn.seconds, 2)} s wall (target ≤ 5 s; reference: 16,838 sessions in 121 s)`);
  console.log(`  ${fmt(abn.totalWindows)} windows → ${fmt(abn.distinctWindows)} distinct windows, ${fmt(abn.windowsPredicted)} predicted (the rest hold keys never seen in training); ${abn.distinctSessions} distinct sessions`);
  console.log(`  ${fmt(abn.totalWindows / abn.seconds)} windows/s (all positions) · ${fmt(abn.windowsPredicted / abn.modelSeconds)} distinct windows/s through the model`);
  console.log(`scoring ${testNormal.length} normal sessions: ${fmt(norm.seconds, 2)} s (${fmt(norm.totalWindows)} windows → ${fmt(norm.distinctWindows)} distinct)`);

  const labels = new Uint8Array(testNormal.length + abnormal.length).fill(1, testNormal.length);
  const scores = new Float64Array([...norm.scores, ...abn.scores]);
  const at = (g: number) => evaluateAt(labels, scores, g);
  const chosen = at(choice.g);
  const paper = at(9);
  console.log(`\nat g = ${choice.g} (validation): recall ${chosen.recall.toFixed(4)} (${chosen.tp}/${abnormal.length}), FPR ${(chosen.fpr * 100).toFixed(2)}% (${chosen.fp}/${testNormal.length}), precision ${chosen.precision.toFixed(4)}, F1 ${chosen.f1.toFixed(4)}`);
  console.log(`at g = 9 (paper):      recall ${paper.recall.toFixed(4)}, FPR ${(paper.fpr * 100).toFixed(2)}%, F1 ${paper.f1.toFixed(4)}`);

  // Unseen: test sessions whose exact key sequence is not one of the fit sessions.
  const allTest = [...testNormal, ...abnormal];
  const unseen = detectionReport(allTest, labels, scores, choice.g, seenSessions(fit)).unseen!;
  console.log(
    `unseen in training (${unseen.sessions} of ${allTest.length} test sessions: ${unseen.normal} normal, ${unseen.abnormal} abnormal): recall ${unseen.recall.toFixed(4)}, FPR ${(unseen.fpr * 100).toFixed(2)}%, precision ${unseen.precision.toFixed(4)}, F1 ${unseen.f1.toFixed(4)}`,
  );
  // Recall by cause: which rule flagged each abnormal session at the chosen g.
  const causes = detector.scoreCauses({ sequences: abnormal });
  const flagged = decide(abn.scores, choice.g);
  const byCause = { unseenKey: 0, padding: 0, rank: 0 };
  causes.forEach((c, i) => {
    if (!flagged[i]) return;
    if (c === "unseen-key") byCause.unseenKey++;
    else if (c === "padding") byCause.padding++;
    else byCause.rank++;
  });
  const share = (k: number): number => k / Math.max(1, abnormal.length);
  console.log(
    `recall by cause at g = ${choice.g}: unseen key ${share(byCause.unseenKey).toFixed(4)} (${byCause.unseenKey}), padding rule ${share(byCause.padding).toFixed(4)} (${byCause.padding}), LSTM rank ${share(byCause.rank).toFixed(4)} (${byCause.rank}); the LSTM itself flags ${((100 * byCause.rank) / Math.max(1, chosen.tp)).toFixed(1)}% of the detections`,
  );

  detector.dispose();
  return {
    seed,
    recall: chosen.recall,
    fpr: chosen.fpr,
    precision: chosen.precision,
    f1: chosen.f1,
    g: choice.g,
    gRule: choice.rule,
    recallAtG9: paper.recall,
    unseenSessions: unseen.sessions,
    unseenNormal: unseen.normal,
    unseenAbnormal: unseen.abnormal,
    unseenRecall: unseen.recall,
    unseenFpr: unseen.fpr,
    unseenF1: unseen.f1,
    recallUnseenKey: share(byCause.unseenKey),
    recallPadding: share(byCause.padding),
    recallLstmRank: share(byCause.rank),
    fprAtG9: paper.fpr,
    trainSeconds,
    scoreSeconds: abn.seconds,
    scoreNormalSeconds: norm.seconds,
    epochs,
    stoppedBecause: report.stoppedBecause,
    trainWindows: totalWindows,
    trainDistinctPairs: distinctPairs,
    trainDistinctWindows: Number(info.distinctWindows),
    trainPairsPerSecond: pairsPerSecond,
    trainWindowsPerSecond: windowsPerSecondTrain,
    scoreWindows: abn.totalWindows,
    scoreDistinctWindows: abn.distinctWindows,
    scoreWindowsPredicted: abn.windowsPredicted,
    inferWindowsPerSecond: abn.totalWindows / abn.seconds,
    inferDistinctWindowsPerSecond: abn.windowsPredicted / abn.modelSeconds,
  };
}

/** The headline figures over seeds: medians (the run itself when there is one seed). */
function summarize(runs: readonly SeedRun[]): SeedRun {
  if (runs.length === 1) return runs[0]!;
  const m = (k: keyof SeedRun & string): number => median(runs.map((r) => Number(r[k])));
  const keys = ["recall", "fpr", "precision", "f1", "g", "recallAtG9", "fprAtG9", "unseenRecall", "unseenFpr", "unseenF1", "recallUnseenKey", "recallPadding", "recallLstmRank", "trainSeconds", "scoreSeconds", "scoreNormalSeconds", "epochs", "trainPairsPerSecond", "trainWindowsPerSecond", "inferWindowsPerSecond", "inferDistinctWindowsPerSecond"] as const;
  const out: SeedRun = { ...runs[0]!, seed: NaN, gRule: "median over seeds", stoppedBecause: "see runs" };
  for (const k of keys) out[k] = m(k);
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const backend = await selectBackend();
  const train = readKeySessions(dataPath("hdfs-deeplog", "hdfs_train")).sequences;
  const abnormal = readKeySessions(dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev")).sequences;
  const n80 = Math.floor(train.length * 0.8);
  const nFit = Math.floor(n80 * 0.85);
  const data: Data = { fit: train.slice(0, nFit), validation: train.slice(nFit, n80), testNormal: train.slice(n80), abnormal };
  const { fit, validation, testNormal } = data;

  const params = { ...DEEPLOG_DEFAULTS, ...(args.epochs ? { epochs: args.epochs } : {}) };
  console.log(`DeepLog benchmark · backend ${backend.choice} (${backend.tfBackend}, TF.js ${backend.tfjsVersion}) · ${cpus().length} cores · seeds ${args.seeds.join(", ")}`);
  console.log(`HDFS: fit ${fit.length} sessions, validation ${validation.length} (normal), test ${testNormal.length} normal + ${abnormal.length} abnormal`);
  console.log(`model: window ${params.window}, ${params.layers} × LSTM(${params.hiddenUnits}), embedding ${params.embeddingDim}, batch ${params.batchSize}, lr ${params.learningRate} (${params.lrSchedule}), ≤ ${params.epochs} epochs, early stopping ${params.earlyStoppingPatience}`);

  const runs: SeedRun[] = [];
  for (const seed of args.seeds) runs.push(await runSeed(seed, params, data));
  const head = summarize(runs);
  if (runs.length > 1) {
    console.log(`\n## ${runs.length} seeds`);
    console.log(
      markdownTable(
        runs.map((r) => ({ seed: r.seed, g: r.g, recall: r.recall, "FPR %": r.fpr * 100, F1: r.f1, "recall unseen": Number(r.unseenRecall), "F1 unseen": Number(r.unseenF1), "recall by LSTM rank": Number(r.recallLstmRank), epochs: r.epochs, "train s": r.trainSeconds, "score s": r.scoreSeconds })),
        undefined,
        4,
      ),
    );
    console.log(`median: recall ${head.recall.toFixed(4)}, FPR ${(head.fpr * 100).toFixed(2)}%, F1 ${head.f1.toFixed(4)}, train ${fmt(head.trainSeconds, 1)} s, score ${fmt(head.scoreSeconds, 2)} s`);
  }
  console.log(`targets (${runs.length > 1 ? "medians" : "this run"}): recall ≥ 0.95 ${head.recall >= 0.95 ? "met" : "MISSED"}, FPR ≤ 1% ${head.fpr <= 0.01 ? "met" : "MISSED"}, training ≤ 120 s ${head.trainSeconds <= 120 ? "met" : "MISSED"}, scoring ≤ 5 s ${head.scoreSeconds <= 5 ? "met" : "MISSED"}`);

  if (args.json) {
    writeJsonAtomic(args.json, {
      benchmark: "deeplog-hdfs",
      backend: backend.choice,
      tfBackend: backend.tfBackend,
      tfjsVersion: backend.tfjsVersion,
      cores: cpus().length,
      seeds: args.seeds,
      params,
      ...head,
      seed: runs.length > 1 ? null : head.seed,
      ...(runs.length > 1 ? { runs } : {}),
      sessions: { fit: fit.length, validation: validation.length, testNormal: testNormal.length, abnormal: abnormal.length },
    });
    console.log(`\nwrote ${args.json}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
