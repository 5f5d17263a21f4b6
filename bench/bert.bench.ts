/**
 * The log-text BERT classifiers (issue 13): pretraining time, the three protocols side by side
 * and per-line latency, with the targets printed next to the figures.
 *
 *   npm run bench:bert -- [--json FILE] [--profile smoke|full] [--encoder DIR] [--seed N]
 *                         [--max-lines-per-system N] [--loso-systems A,B,…] [--bert-epochs N]
 *                         [--protocols random,template,loso] [--models A,B,…] [--loso-models A,B,…]
 *                         [--bert-params JSON] [--workers N]
 *
 * 1. Pretrains the encoder in the chosen profile (timed; `--encoder DIR` uses a saved one instead
 *    and reports the time recorded in it).
 * 2. On the 7-class rule labels of the 16 LogHub 2k samples: (a) random split by line, (b) split by
 *    template (notebook 05's split), both 60/20/20, every model on the same lines: bert-dann,
 *    bert-lora, bert-hybrid, gbdt / random forest on encoder features, and notebook 05's classic
 *    models (tf-idf of template tokens) under their registry names; (c) leave one system out for
 *    bert-dann with adaptation (the held-out system's unlabelled lines) and without.
 * 3. Latency of the served path (`ScoredLineClassifier.classify`: log type, Drain template, model) on raw LogHub lines: per line in
 *    batches of 100, and one line at a time (medians).
 * `--max-lines-per-system`, `--loso-systems`, `--bert-epochs`, `--protocols`, `--models` (the
 * models of the random and template splits) and `--loso-models` (default: bert-dann, bert-dann-two-domains, bert-dann-no-adaptation; bert-dann-conditional, bert-dann-label-shift, bert-dann-entropy, bert-dann-distinct-target and bert-dann-head-only on request) make a quick, smaller
 * run; `--bert-params` overrides BertLineClassifierParams of every BERT model (e.g.
 * '{"selectEpochBy":"loss"}' to compare a setting). All are recorded in the JSON (`config`) and
 * the printout says the run is reduced or changed.
 * `--workers N` (default: LOGLAB_WORKERS, else the cores) fits that many models at once, each in a
 * child process that loads the encoder from its folder (a pretrained one is saved to a temporary
 * folder first); the random split's hybrid, kept for the latency figures, fits in this process.
 * Figures are reported, never asserted (CONTRIBUTING: bench/ is not a test).
 */
import { cpus, tmpdir } from "node:os";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defaultExperimentWorkers } from "../lib/experiments/workers/child-pool.js";
import { loghubLogPath } from "../lib/data/loghub-2k.js";
import { LOGHUB_SYSTEMS } from "../lib/parse/formats/loghub-presets.js";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { loadLabelledLogLines } from "../lib/experiments/labelling/labelled-log-lines.js";
import { BertLineScorer } from "../lib/classify/bert-line-scorer.js";
import { buildLoghubLineSet } from "../lib/classify/loghub-line-set.js";
import type { LineAnalyzer } from "../lib/classify/line-analyzer.js";
import type { AnalyzedLine } from "../lib/classify/line-classifier.js";
import { losoRows, protocolScores, protocolTableRows, runLineClassProtocols, BERT_DANN_VARIANTS, CLASSIC_LINE_MODELS, DEFAULT_LOSO_MODELS, type LineModelName } from "../lib/experiments/bert/line-class-protocols.js";
import { defaultBertLineParams, type BertLineClassifier, type BertLineClassifierParams } from "../lib/models/bert/bert-line-classifier.js";
import type { LineProtocol } from "../lib/windows/line-protocols.js";
import { disposeLogTextEncoder, loadLogTextEncoder, readLogTextEncoderFile, saveLogTextEncoder, type LogTextEncoder } from "../lib/models/bert/log-text-encoder.js";
import { pretrainLogTextEncoder } from "../lib/experiments/bert/log-text-pretraining.js";
import { selectBackend } from "../lib/runtime/backend.js";
import type { Profile } from "../lib/runtime/profile.js";
import { markdownTable } from "../lib/report/table.js";
import { median } from "./median.js";
import { benchFlags } from "./bench-flags.js";

interface Args {
  json: string | null;
  profile: Profile;
  encoder: string | null;
  seed: number;
  maxLinesPerSystem: number | null;
  losoSystems: string[] | null;
  losoModels: LineModelName[] | null;
  bertEpochs: number | null;
  protocols: LineProtocol[];
  models: LineModelName[] | null;
  bertParams: Partial<BertLineClassifierParams> | null;
  /** Fits at once, each in a child process (default: LOGLAB_WORKERS, else the cores). */
  workers: number;
}

const USAGE = "usage: npm run bench:bert -- [--json FILE] [--profile smoke|full] [--encoder DIR] [--seed N] [--max-lines-per-system N] [--loso-systems A,B,…] [--bert-epochs N] [--protocols random,template,loso] [--models A,B,…] [--loso-models A,B,…] [--bert-params JSON] [--workers N]";

function parseArgs(argv: string[]): Args {
  const a: Args = { json: null, profile: "smoke", encoder: null, seed: 42, maxLinesPerSystem: null, losoSystems: null, losoModels: null, bertEpochs: null, protocols: ["random", "template", "loso"], models: null, bertParams: null, workers: defaultExperimentWorkers() };
  for (const { flag, value } of benchFlags(argv, USAGE)) {
    const int = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer (${USAGE})`);
      return n;
    };
    if (flag === "--json") a.json = value();
    else if (flag === "--profile") {
      const p = value();
      if (p !== "smoke" && p !== "full") throw new Error(`--profile must be smoke or full (${USAGE})`);
      a.profile = p;
    } else if (flag === "--encoder") a.encoder = value();
    else if (flag === "--seed") a.seed = int();
    else if (flag === "--max-lines-per-system") a.maxLinesPerSystem = int();
    else if (flag === "--loso-systems") a.losoSystems = value().split(",");
    else if (flag === "--loso-models") {
      const ms = value().split(",");
      for (const m of ms) if (!(LOSO_MODELS as readonly string[]).includes(m)) throw new Error(`--loso-models: "${m}" is not one of ${LOSO_MODELS.join(", ")}`);
      a.losoModels = ms as LineModelName[];
    } else if (flag === "--bert-epochs") a.bertEpochs = int();
    else if (flag === "--workers") a.workers = int();
    else if (flag === "--protocols") {
      const ps = value().split(",");
      for (const p of ps) if (p !== "random" && p !== "template" && p !== "loso") throw new Error(`--protocols: "${p}" is not random, template or loso (${USAGE})`);
      a.protocols = ps as LineProtocol[];
    }
    else if (flag === "--models") {
      const ms = value().split(",");
      for (const m of ms) if (!(ALL_MODELS as readonly string[]).includes(m)) throw new Error(`--models: "${m}" is not one of ${ALL_MODELS.join(", ")}`);
      a.models = ms as LineModelName[];
    } else if (flag === "--bert-params") {
      const text = value();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new Error(`--bert-params: not JSON (${(err as Error).message}): ${text}`);
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`--bert-params must be a JSON object of BertLineClassifierParams, got ${text}`);
      const known = Object.keys(defaultBertLineParams("bert-dann"));
      for (const k of Object.keys(parsed)) if (!known.includes(k)) throw new Error(`--bert-params: "${k}" is not a BertLineClassifierParams key (${known.join(", ")})`);
      a.bertParams = parsed as Partial<BertLineClassifierParams>;
    } else throw new Error(`unknown argument ${flag} (${USAGE})`);
  }
  for (const s of a.losoSystems ?? []) if (!(LOGHUB_SYSTEMS as readonly string[]).includes(s)) throw new Error(`--loso-systems: "${s}" is not a LogHub system (${LOGHUB_SYSTEMS.join(", ")})`);
  return a;
}

const f3 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(3));
const BERT_MODELS: LineModelName[] = ["bert-dann", "bert-lora", "bert-hybrid"];
const ALL_MODELS: LineModelName[] = [...BERT_MODELS, "bert-features-gbdt", "bert-features-rf", ...CLASSIC_LINE_MODELS];
const LOSO_MODELS: LineModelName[] = ["bert-dann", ...BERT_DANN_VARIANTS];

/**
 * Median ms per line of the served path (the shared analyzer's log type and Drain template, then
 * the model) in batches of 100 lines of one system (16 systems) and for single lines (6 per system).
 */
async function measureLatency(clf: BertLineClassifier, analyzer: LineAnalyzer): Promise<{ batchPerLine: number; single: number }> {
  const scorer = new BertLineScorer(clf);
  const classify = async (lines: readonly string[], format: string): Promise<void> => {
    const analyzed: AnalyzedLine[] = analyzer.analyze(lines, { format });
    await scorer.probabilities(analyzed);
  };
  const raw = LOGHUB_SYSTEMS.map((s) => ({ system: s, lines: readFileSync(loghubLogPath(s), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 200) }));
  await classify(raw[0]!.lines.slice(0, 100), raw[0]!.system); // warm-up
  const batchTimes: number[] = [];
  for (const { system, lines: ls } of raw) {
    const t0 = performance.now();
    await classify(ls.slice(0, 100), system);
    batchTimes.push((performance.now() - t0) / 100);
  }
  const singleTimes: number[] = [];
  for (const { system, lines: ls } of raw) {
    for (const l of ls.slice(100, 106)) {
      const t0 = performance.now();
      await classify([l], system);
      singleTimes.push(performance.now() - t0);
    }
  }
  return { batchPerLine: median(batchTimes), single: median(singleTimes) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const backend = (await selectBackend()).choice;
  const reduced = args.maxLinesPerSystem !== null || args.losoSystems !== null || args.losoModels !== null || args.bertEpochs !== null || args.protocols.length < 3 || args.models !== null || args.bertParams !== null;
  // 1. Pretraining.
  let encoder: LogTextEncoder;
  let pretrainSeconds: number;
  let pretrainInfo: Record<string, unknown>;
  let scratchEncoder: string | null = null;
  if (args.encoder) {
    encoder = await loadLogTextEncoder(args.encoder);
    const file = readLogTextEncoderFile(args.encoder);
    pretrainSeconds = Number((file.pretraining.seconds as { total?: number } | undefined)?.total ?? NaN);
    pretrainInfo = { source: args.encoder, recorded: file.pretraining };
  } else {
    const r = await pretrainLogTextEncoder({ profile: args.profile, seed: args.seed });
    encoder = r.encoder;
    // the workers load the encoder from a folder
    if (args.workers > 1) await saveLogTextEncoder(encoder, (scratchEncoder = mkdtempSync(join(tmpdir(), "loglab-bench-bert-"))));
    pretrainSeconds = r.seconds.total;
    pretrainInfo = { profile: args.profile, epochs: r.history.length, stoppedBecause: r.stoppedBecause, corpus: { ...r.corpus, sources: undefined }, finalLoss: r.history.at(-1)?.loss, finalValLoss: r.history.at(-1)?.valLoss, seconds: r.seconds };
  }
  process.stdout.write(`pretraining (${args.encoder ? `loaded ${args.encoder}` : args.profile}): ${pretrainSeconds.toFixed(1)} s\n`);
  // 2. Protocols.
  const lines = loadLabelledLogLines(args.maxLinesPerSystem ? { maxLinesPerSystem: args.maxLinesPerSystem } : {});
  const epochs = { ...(args.bertParams ?? {}), ...(args.bertEpochs ? { epochs: args.bertEpochs } : {}) };
  const res = await runLineClassProtocols({
    lines,
    encoder,
    seed: args.seed,
    protocols: args.protocols,
    models: args.models ?? ALL_MODELS,
    losoModels: args.losoModels ?? DEFAULT_LOSO_MODELS,
    workers: args.workers,
    ...(args.encoder || scratchEncoder ? { encoderDir: args.encoder ?? scratchEncoder! } : {}),
    ...(args.losoSystems ? { losoSystems: args.losoSystems } : {}),
    params: { "bert-dann": epochs, "bert-lora": epochs, "bert-hybrid": epochs },
    losoParams: epochs,
    keep: ["bert-hybrid"],
    onResult: (r) => process.stdout.write(`  ${r.split.padEnd(16)} ${r.model.padEnd(24)} macro F1 ${f3(r.report.macroF1)}  weighted F1 ${f3(r.report.weightedF1)}  (${r.fitSeconds.toFixed(1)} s)\n`),
  });
  const scores = { random: protocolScores(res.results, "random"), template: protocolScores(res.results, "template"), loso: protocolScores(res.results, "loso") };
  // 3. Latency on raw lines of every system (format given, as a service that knows its source would), with the random split's hybrid.
  const clf = res.kept["bert-hybrid"];
  const latencyMs = clf ? await measureLatency(clf, buildLoghubLineSet().analyzer) : { batchPerLine: NaN, single: NaN };
  clf?.dispose();
  disposeLogTextEncoder(encoder);
  if (scratchEncoder) rmSync(scratchEncoder, { recursive: true, force: true });
  // Targets.
  const bertRandom = BERT_MODELS.map((m) => ({ m, v: scores.random[m]?.macroF1 ?? NaN }));
  const sharedOf = (m: string): number => scores.template[m]?.macroF1Shared ?? NaN;
  const encoderModels = [...BERT_MODELS, "bert-features-gbdt", "bert-features-rf"];
  const bestEncoder = encoderModels.reduce((b, m) => (sharedOf(m) > sharedOf(b) ? m : b), encoderModels[0]!);
  const bestClassic = CLASSIC_LINE_MODELS.reduce<string>((b, m) => (sharedOf(m) > sharedOf(b) ? m : b), CLASSIC_LINE_MODELS[0]);
  const plain = scores.loso["bert-dann-no-adaptation"]?.macroF1 ?? NaN;
  // DANN and every adapted variant, in the order the target line names them.
  const adapted = LOSO_MODELS.filter((m) => m !== "bert-dann-no-adaptation").map((m) => scores.loso[m]?.macroF1 ?? NaN);
  // A target whose protocol (or model) did not run is "n/a", not a failure.
  const ran = (x: number): boolean | null => (Number.isFinite(x) ? true : null);
  const pretrainProfile = args.encoder ? String((pretrainInfo.recorded as { profile?: unknown } | undefined)?.profile ?? "unknown") : args.profile;
  const targets = [
    { target: "random split: every BERT variant macro F1 ≥ 0.93", value: bertRandom.map((b) => `${b.m} ${f3(b.v)}`).join(", "), met: bertRandom.some((b) => Number.isFinite(b.v)) ? bertRandom.every((b) => b.v >= 0.93) : null },
    { target: "by template: best encoder model − best classic ≥ 0.10 (macro F1 over classes in both parts)", value: `${bestEncoder} ${f3(sharedOf(bestEncoder))} − ${bestClassic} ${f3(sharedOf(bestClassic))} = ${f3(sharedOf(bestEncoder) - sharedOf(bestClassic))}`, met: ran(sharedOf(bestEncoder) - sharedOf(bestClassic)) && sharedOf(bestEncoder) - sharedOf(bestClassic) >= 0.1 },
    { target: "LOSO: DANN mean macro F1 > without adaptation (domains: systems | two | conditional | label-shift weighted | + target entropy | distinct target rows | head only)", value: `${adapted.map(f3).join(" | ")} vs ${f3(plain)} (${scores.loso["bert-dann-no-adaptation"]?.splits ?? 0} systems)`, met: ran(plain) && adapted.some((x) => x > plain) },
    { target: "latency ≤ 2 ms/line in batches of 100", value: `${latencyMs.batchPerLine.toFixed(2)} ms`, met: ran(latencyMs.batchPerLine) && latencyMs.batchPerLine <= 2 },
    { target: "latency ≤ 20 ms for one line", value: `${latencyMs.single.toFixed(2)} ms`, met: ran(latencyMs.single) && latencyMs.single <= 20 },
    { target: `pretraining (${pretrainProfile} profile${args.encoder ? ", as recorded" : ""}) ≤ 3 min in the smoke profile`, value: `${pretrainSeconds.toFixed(1)} s`, met: pretrainProfile === "smoke" ? pretrainSeconds <= 180 : null },
  ];
  process.stdout.write(
    [
      "",
      `## Protocols (${lines.y.length} lines${reduced ? "; REDUCED OR CHANGED RUN: " + JSON.stringify({ maxLinesPerSystem: args.maxLinesPerSystem, losoSystems: args.losoSystems, losoModels: args.losoModels, bertEpochs: args.bertEpochs, protocols: args.protocols, models: args.models, bertParams: args.bertParams }) : ""})`,
      markdownTable(protocolTableRows(res)),
      "",
      ...(args.protocols.includes("loso") ? ["## Leave one system out", markdownTable(losoRows(res)), ""] : []),
      "## Targets",
      markdownTable(targets.map((t) => ({ target: t.target, value: t.value, met: t.met === null ? "n/a" : t.met ? "yes" : "NO" }))),
      "",
      `backend ${backend}, ${cpus().length} cores, ${cpus()[0]?.model ?? "?"}; protocols took ${res.seconds.toFixed(0)} s`,
      "",
    ].join("\n"),
  );
  const pick = (s: Record<string, { macroF1: number; weightedF1: number }>): Record<string, { macroF1: number; weightedF1: number }> => Object.fromEntries(Object.entries(s).map(([m, v]) => [m, { macroF1: v.macroF1, weightedF1: v.weightedF1 }]));
  if (args.json) {
    writeJsonAtomic(args.json, {
      randomSplit: pick(scores.random),
      byTemplate: pick(scores.template),
      byTemplateClassesInBothParts: Object.fromEntries(Object.entries(scores.template).map(([m, v]) => [m, v.macroF1Shared])),
      leaveOneSystemOut: pick(scores.loso),
      leaveOneSystemOutPerSystem: losoRows(res),
      latencyMs,
      pretrainSeconds,
      pretraining: pretrainInfo,
      targets,
      config: { seed: args.seed, profile: args.profile, encoder: args.encoder, workers: args.workers, maxLinesPerSystem: args.maxLinesPerSystem, losoSystems: args.losoSystems, losoModels: args.losoModels, bertEpochs: args.bertEpochs, protocols: args.protocols, models: args.models, bertParams: args.bertParams, reduced, lines: lines.y.length },
      backend,
      cores: cpus().length,
    });
    process.stdout.write(`wrote ${args.json}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:bert: ${(err as Error).message}\n`);
  process.exit(1);
});
