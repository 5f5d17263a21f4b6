/**
 * Models over log text (issue 18, items 3 and 4), through lib/experiments/text and /http only:
 *
 * 1. The toolkit's synthetic setting: 10,000 generated syslog lines, anomaly ratio 0.1 (seeded),
 *    file order 60 / 20 / 20; each line is one item of word tokens (vocabulary fitted on the
 *    training lines); the six token-level classifiers (random key embeddings) fit on the train
 *    part, the threshold is the max-F1 point on validation, the test part is scored once. F1,
 *    precision, recall and ROC-AUC beside the toolkit's published F1.
 * 2. HTTP: a generated access log in Combined Log Format (10,000 requests, attack ratio 0.1,
 *    written and read back as a user's labelled log would be), split in time order 60 / 20 / 20;
 *    the four autoencoders and Isolation Forest on request feature tokens; per-attack-type recall
 *    and overall precision at the validation-chosen threshold. Target: recall ≥ 0.90 on every
 *    attack type at precision ≥ 0.90 for the best detector.
 *
 *   npm run bench:text -- [--quick] [--json FILE] [--seed N] [--epochs N]
 *
 * `--quick`: 3,000 lines / requests and fewer epochs (a few minutes on a loaded 2-core machine).
 * Figures are reported, never asserted (CONTRIBUTING: bench/ is not a test).
 */
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { bestHttpRow, httpDetectors, httpResultRows, httpTargetMet, runHttpExperiment, splitAccessLog, syntheticAccessLog } from "../lib/experiments/http/http-detection.js";
import { disposeResults } from "../lib/experiments/detection/detection-experiment.js";
import { PUBLISHED_TEXT_AUC, runTextExperiment, syntheticTextSplit, textClassifiers, textResultRows } from "../lib/experiments/text/text-line-experiments.js";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { markdownTable } from "../lib/report/table.js";
import { selectBackend } from "../lib/runtime/backend.js";

interface Args {
  quick: boolean;
  json: string | null;
  seed: number;
  epochs: number | null;
}

const USAGE = "usage: npm run bench:text -- [--quick] [--json FILE] [--seed N] [--epochs N]";

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, json: null, seed: 42, epochs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value (${USAGE})`);
      return v;
    };
    if (a === "--quick") args.quick = true;
    else if (a === "--json") args.json = value();
    else if (a === "--seed") args.seed = Number(value());
    else if (a === "--epochs") args.epochs = Number(value());
    else throw new Error(`unknown argument ${a} (${USAGE})`);
  }
  if (!Number.isInteger(args.seed)) throw new Error(`--seed must be an integer (${USAGE})`);
  if (args.epochs !== null && !(Number.isInteger(args.epochs) && args.epochs >= 1)) throw new Error(`--epochs must be a positive integer (${USAGE})`);
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const backend = await selectBackend();
  const lines = args.quick ? 3000 : 10000;
  const ratio = 0.1;
  const clfEpochs = args.epochs ?? (args.quick ? 3 : 10);
  const aeEpochs = args.epochs ?? (args.quick ? 30 : 60);
  console.log(`text benchmark · backend ${backend.choice} (${backend.tfBackend}, TF.js ${backend.tfjsVersion}) · ${cpus().length} cores · seed ${args.seed}${args.quick ? " · quick" : ""}`);

  // 1 · synthetic setting
  const t0 = performance.now();
  const syn = syntheticTextSplit({ lines, anomalyRatio: ratio, seed: args.seed });
  console.log(`\n## Synthetic setting: ${syn.rule}`);
  console.log(markdownTable(syn.sizes.map((z) => ({ ...z }))));
  console.log(`vocabulary ${syn.tokenizer.vocabulary.size} tokens; classifiers: ≤ ${clfEpochs} epochs (early stopping on validation loss), maxLength 50, random key embeddings`);
  const text = await runTextExperiment(syn, textClassifiers({ epochs: clfEpochs }), {
    seed: args.seed,
    embeddings: "random",
    dim: 32,
    workers: 1,
    onModel: (r) => console.log(`  ${r.label}: F1 ${r.test.all.f1.toFixed(4)}, AUC ${r.test.all.rocAuc.toFixed(4)} (${r.fitSeconds.toFixed(1)} s)`),
  });
  const textRows = textResultRows("synthetic", text, true);
  disposeResults(text.results);
  const textSeconds = (performance.now() - t0) / 1000;
  console.log(`\n${markdownTable(textRows.map((r) => ({ model: r.model, P: r.P, R: r.R, F1: r.F1, "ROC-AUC": r["ROC-AUC"], "published F1": r["published F1"], "F1 − published": r["F1 − published"], "fit s": r["fit s"] })), undefined, 4)}`);
  console.log(`published AUC: ${PUBLISHED_TEXT_AUC} (all models); CNN-LSTM has no published row`);
  const below = textRows.filter((r) => r["published F1"] !== null && r.F1 < r["published F1"]);
  console.log(`target (F1 ≥ published, same model): ${below.length === 0 ? "met by every model with a published F1" : `MISSED by ${below.map((r) => r.model).join(", ")}`}`);

  // 2 · HTTP access logs
  const t1 = performance.now();
  const log = syntheticAccessLog(join(tmpdir(), `loglab-bench-text-${process.pid}`, "access.log"), { lines, anomalyRatio: ratio, seed: args.seed });
  const split = splitAccessLog(log);
  console.log(`\n## HTTP: ${log.requests.length} generated requests (Combined Log Format, attack ratio ${ratio}, seed ${args.seed}), time order ${split.sizes.train} / ${split.sizes.validation} / ${split.sizes.test}`);
  const http = await runHttpExperiment(split, httpDetectors({ epochs: aeEpochs, lstmMaxLength: 16, lstmHidden: 32 }), args.seed);
  const httpRows = httpResultRows(http, split);
  disposeResults(http);
  const httpSeconds = (performance.now() - t1) / 1000;
  console.log(markdownTable(httpRows, undefined, 4));
  const best = bestHttpRow(httpRows);
  console.log(`best detector: ${best.model} — precision ${best.P.toFixed(4)}, min recall per attack type ${best["min recall per attack type"].toFixed(4)}; target (recall ≥ 0.90 per type at precision ≥ 0.90): ${httpTargetMet(best) ? "met" : "MISSED"}`);
  console.log(`\nwall: synthetic ${textSeconds.toFixed(1)} s, HTTP ${httpSeconds.toFixed(1)} s`);

  if (args.json) {
    writeJsonAtomic(args.json, {
      benchmark: "text",
      quick: args.quick,
      backend: backend.choice,
      tfBackend: backend.tfBackend,
      cores: cpus().length,
      seed: args.seed,
      lines,
      anomalyRatio: ratio,
      classifierEpochs: clfEpochs,
      autoencoderEpochs: aeEpochs,
      synthetic: { split: syn.sizes, rows: textRows, publishedAuc: PUBLISHED_TEXT_AUC, targetMet: below.length === 0, seconds: textSeconds },
      http: { sizes: split.sizes, rows: httpRows, best: best.model, targetMet: httpTargetMet(best), seconds: httpSeconds },
    });
    console.log(`wrote ${args.json}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
