import { writeJsonAtomic } from "../io/atomic-write.js";
import { basename, join } from "node:path";
import { writeCliManifest } from "./cli-manifest.js";
import { detectionReport } from "../eval/detection-report.js";
import { describeThresholdSource } from "../eval/threshold-source.js";
import { markdownTable } from "../report/table.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { outOfVocabulary, readKeyFileForCli } from "./key-inputs.js";
import { loadModelFlag } from "./model-flag.js";

export const usage = `usage: loglab evaluate --model DIR --normal FILE --abnormal FILE [--json OUT]

Evaluates a model saved by \`loglab train\` on labelled key files (every session of --normal is
normal, every session of --abnormal anomalous) at the threshold chosen at training: precision,
recall, F1, FP, FN, ROC-AUC and PR-AUC over all sessions, and P/R/F1/FP/FN over distinct sessions
(identical sessions counted once). Never evaluate on the files the model was trained on.`;

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["model", "normal", "abnormal", "json"] });
  if (args.positionals.length) throw new CliError(`unexpected arguments: ${args.positionals.join(" ")}\n${usage}`, 2);
  const dir = requireFlag(args, "model", usage);
  const normalPath = requireFlag(args, "normal", usage);
  const abnormalPath = requireFlag(args, "abnormal", usage);
  const jsonOut = flagValue(args, "json");
  const { detector, card } = await loadModelFlag(dir);
  const normal = readKeyFileForCli(normalPath, "--normal");
  const abnormal = readKeyFileForCli(abnormalPath, "--abnormal");
  const sequences = [...normal.sequences, ...abnormal.sequences];
  const labels = Uint8Array.from([...normal.sequences.map(() => 0), ...abnormal.sequences.map(() => 1)]);
  const t0 = performance.now();
  const scores = await detector.score({ sequences });
  const scoreSeconds = (performance.now() - t0) / 1000;
  const report = detectionReport(sequences, labels, scores, card.threshold);
  const oov = outOfVocabulary(sequences, card.vocabulary);
  const row = (name: string, m: { precision: number; recall: number; f1: number; fp: number; fn: number; tp: number; tn: number; sessions: number; normal: number; abnormal: number }) => ({
    counted: name,
    sessions: m.sessions,
    normal: m.normal,
    abnormal: m.abnormal,
    precision: m.precision,
    recall: m.recall,
    F1: m.f1,
    TP: m.tp,
    FP: m.fp,
    FN: m.fn,
    TN: m.tn,
  });
  process.stdout.write(
    [
      `${card.name} at threshold ${card.threshold} (${card.thresholdSource ? describeThresholdSource(card.thresholdSource) : "chosen at training"})`,
      markdownTable([row("all sessions", report.all), row("distinct sessions", report.distinct)], undefined, 4),
      `ROC-AUC ${report.all.rocAuc.toFixed(4)}, PR-AUC ${report.all.prAuc.toFixed(4)} (all sessions); scored in ${scoreSeconds.toFixed(2)} s`,
      oov ? `out-of-vocabulary: ${oov.sessions} sessions hold ${oov.occurrences} keys never seen in training` : "",
    ]
      .filter(Boolean)
      .join("\n") + "\n",
  );
  if (jsonOut) {
    writeJsonAtomic(jsonOut, { model: card.name, modelDir: dir, threshold: card.threshold, files: { normal: normalPath, abnormal: abnormalPath }, report, outOfVocabulary: oov, scoreSeconds, blankLines: { normal: normal.blankLines.length, abnormal: abnormal.blankLines.length } });
    await writeCliManifest({ file: jsonOut }, { command: "evaluate", argv, inputs: [normalPath, abnormalPath, join(dir, "loglab-model.json")], config: { model: card.name, threshold: card.threshold }, seed: card.seed, seconds: (performance.now() - started) / 1000, outputs: [basename(jsonOut)] });
    process.stdout.write(`wrote ${jsonOut} (and ${basename(jsonOut)}.manifest.json)\n`);
  }
  detector.dispose();
  return 0;
}
