/**
 * The backdoor study (Cheng, Xu, Yuan, WWW'25 companion) on BGL (`data/bgl-afalog`): DeepLog and
 * LogBERT, each benign and backdoored (clean-label [H, P, T] triggers in 10% of the training
 * sessions, τ-gated objective at λ 1), plus plain poisoning and the n-gram regularity defence,
 * with BP (precision, recall, F1 on the clean test set: `test_normal_dev` + `test_abnormal_dev`),
 * ASR (normal test sessions with [H, M, T] inserted that pass) and the control (M without H and T).
 * Thresholds come from clean validation normals only (the last 20% of `train`).
 *
 *   npm run bench:backdoor -- [--json FILE] [--seed N] [--models deeplog,logbert] [--quick]
 *                             [--max-train-sessions N] [--max-train-seconds S] [--epochs N]
 *
 * Defaults: every training session, DeepLog as the public code (embedding 50, hidden 256, 1 layer,
 * g 9, 10% miss share), LogBERT hidden 64, 2 blocks (BACKDOOR_LOGBERT_DEFAULTS), each training
 * bounded by --max-train-seconds (default 600). --quick: 1,000 training sessions, 3 epochs: shows the
 * pipeline, its numbers are not the study's. Prints the table beside the paper's numbers and writes
 * JSON keys {deeplog,logbert}.{benign,backdoored,plainPoisoning,defence}.{precision,recall,f1,asr,
 * controlPassRate}, defence.{asr,f1} (DeepLog's, the paper's model) and seconds. Figures are reported,
 * never asserted (bench/ is not a test).
 */
import { cpus } from "node:os";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import type { BackdoorMetrics } from "../lib/attacks/backdoor/backdoor-metrics.js";
import { runBackdoorStudy, disposeBackdoorStudy, type BackdoorModel, type BackdoorStudyResult } from "../lib/experiments/backdoor/backdoor-study.js";
import { backdoorStudyData, PAPER_BACKDOOR_BGL } from "../lib/experiments/backdoor/backdoor-tables.js";
import { selectBackend } from "../lib/runtime/backend.js";
import { markdownTable } from "../lib/report/table.js";
import { benchFlags } from "./bench-flags.js";

const USAGE = "usage: npm run bench:backdoor -- [--json FILE] [--seed N] [--models deeplog,logbert] [--quick] [--max-train-sessions N] [--max-train-seconds S] [--epochs N]";

interface Args {
  json: string | null;
  seed: number;
  models: BackdoorModel[];
  quick: boolean;
  maxTrainSessions: number | null;
  maxTrainSeconds: number;
  epochs: number | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { json: null, seed: 1, models: ["deeplog", "logbert"], quick: false, maxTrainSessions: null, maxTrainSeconds: 600, epochs: null };
  const int = (flag: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} ${v}: expected an integer ≥ ${min} (${USAGE})`);
    return n;
  };
  for (const { flag, value } of benchFlags(argv, USAGE)) {
    if (flag === "--json") a.json = value();
    else if (flag === "--seed") a.seed = int(flag, value(), 0);
    else if (flag === "--quick") a.quick = true;
    else if (flag === "--max-train-sessions") a.maxTrainSessions = int(flag, value(), 10);
    else if (flag === "--max-train-seconds") a.maxTrainSeconds = int(flag, value(), 0);
    else if (flag === "--epochs") a.epochs = int(flag, value(), 1);
    else if (flag === "--models") {
      const ms = value().split(",");
      for (const m of ms) if (m !== "deeplog" && m !== "logbert") throw new Error(`--models: ${m} is not deeplog or logbert (${USAGE})`);
      a.models = ms as BackdoorModel[];
    } else throw new Error(`unknown argument ${flag} (${USAGE})`);
  }
  if (a.quick) {
    a.maxTrainSessions ??= 1000;
    a.epochs ??= 3;
  }
  return a;
}

type Figures = Pick<BackdoorMetrics, "precision" | "recall" | "f1" | "asr" | "controlPassRate" | "threshold">;
const figures = (m: BackdoorMetrics): Figures => ({ precision: m.precision, recall: m.recall, f1: m.f1, asr: m.asr, controlPassRate: m.controlPassRate, threshold: m.threshold });

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const backend = await selectBackend();
  const data = backdoorStudyData("bgl-afalog");
  console.log(`backdoor study on BGL (bgl-afalog): ${data.train.length} training sessions (${args.maxTrainSessions ?? "all"} used), test ${data.testNormal.length} normal + ${data.testAbnormal.length} abnormal; backend ${backend.choice}, ${cpus().length} cores${args.quick ? "; --quick: NOT the study's numbers" : ""}`);
  const t0 = performance.now();
  const out: Record<string, unknown> = { config: { ...args, json: undefined }, backend: backend.choice };
  const rows: Record<string, string | number | null>[] = [];
  const results: Partial<Record<BackdoorModel, BackdoorStudyResult>> = {};
  for (const model of args.models) {
    const epochs = args.epochs ?? (model === "deeplog" ? 50 : 20);
    const r = await runBackdoorStudy(data, {
      seed: args.seed,
      model,
      maxTrainSessions: args.maxTrainSessions,
      deeplog: { epochs, maxTrainSeconds: args.maxTrainSeconds },
      logbert: { epochs, maxTrainSeconds: args.maxTrainSeconds },
    });
    results[model] = r;
    const paper = PAPER_BACKDOOR_BGL[model];
    out[model] = {
      benign: figures(r.benign),
      backdoored: figures(r.backdoored),
      plainPoisoning: r.plainPoisoning ? figures(r.plainPoisoning) : null,
      defence: r.defence ? { ...figures(r.defence), droppedSessions: r.defence.droppedSessions, droppedPoisoned: r.defence.droppedPoisoned, poisonedSessions: r.defence.poisonedSessions } : null,
      trigger: r.trigger,
      poisonedSessions: r.poisonedSessions,
      trainSessions: r.trainSessions,
      seconds: r.seconds,
      paper,
    };
    const row = (name: string, m: BackdoorMetrics | null, p: { f1: number; asr: number } | null) =>
      m ? [{ model: `${model} ${name}`, P: m.precision, R: m.recall, F1: m.f1, ASR: m.asr, control: m.controlPassRate, "paper F1": p?.f1 ?? null, "paper ASR": p?.asr ?? null }] : [];
    rows.push(...row("benign", r.benign, paper.benign), ...row("backdoored (τ-gated, λ 1)", r.backdoored, paper.backdoored), ...row("plain poisoning", r.plainPoisoning, null), ...row("backdoored + n-gram defence", r.defence, null));
    console.log(`${model}: ${r.seconds.toFixed(0)} s; trigger H [${r.trigger.head.join(" ")}] M [${r.trigger.attack.join(" ")}] T [${r.trigger.tail.join(" ")}]; ${r.poisonedSessions} of ${r.trainSessions} training sessions poisoned`);
  }
  const main = results.deeplog ?? results.logbert;
  out.defence = main?.defence ? { asr: main.defence.asr, f1: main.defence.f1, model: main.model } : null;
  out.seconds = (performance.now() - t0) / 1000;
  console.log("\n" + markdownTable(rows, undefined, 4));
  console.log(`\ntargets: backdoored ASR ≥ 0.90 with BP F1 within 5 points (DeepLog) / 3 points (LogBERT) of the benign model; the control close to the benign ASR; the defence ASR < 0.20 at ≤ 3 points of F1`);
  for (const m of args.models) {
    const r = results[m]!;
    console.log(`${m}: ASR ${r.backdoored.asr.toFixed(3)} (${r.backdoored.asr >= 0.9 ? "met" : "not met"}), F1 change ${((r.backdoored.f1 - r.benign.f1) * 100).toFixed(1)} points, control ${r.backdoored.controlPassRate.toFixed(3)} vs benign ASR ${r.benign.asr.toFixed(3)}${r.defence ? `; defence ASR ${r.defence.asr.toFixed(3)}, F1 ${((r.defence.f1 - r.backdoored.f1) * 100).toFixed(1)} points` : ""}`);
    disposeBackdoorStudy(r);
  }
  console.log(`total ${(out.seconds as number).toFixed(0)} s`);
  if (args.json) {
    writeJsonAtomic(args.json, out);
    console.log(`wrote ${args.json}`);
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
