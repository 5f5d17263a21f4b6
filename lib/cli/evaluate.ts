import { writeJsonAtomic } from "../io/atomic-write.js";
import { basename, join } from "node:path";
import { writeCliManifest } from "./cli-manifest.js";
import { detectionReport } from "../eval/detection-report.js";
import { describeThresholdSource } from "../eval/threshold-source.js";
import { markdownTable } from "../report/table.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { outOfVocabulary, readKeyFileForCli } from "./key-inputs.js";
import { checkScores, loadModelFlag, scoreWithModel } from "./model-flag.js";
import { claimOutputFile } from "./output-target.js";

export const usage = `usage: loglab evaluate --model DIR --normal FILE --abnormal FILE [--json OUT [--force]]

Evaluates a model saved by \`loglab train\` on labelled key files (every session of --normal is
normal, every session of --abnormal anomalous) at the threshold chosen at training: precision,
recall, F1, FP, FN, ROC-AUC and PR-AUC over all sessions, and P/R/F1/FP/FN over distinct sessions
(identical sessions counted once). Never evaluate on the files the model was trained on.
--json OUT must be new; --force replaces an earlier \`loglab evaluate\` output (OUT.manifest.json
names it); any other file is never touched.`;

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["model", "normal", "abnormal", "json"], booleans: ["force"] });
  if (args.positionals.length) throw new CliError(`unexpected arguments: ${args.positionals.join(" ")}\n${usage}`, 2);
  const dir = requireFlag(args, "model", usage);
  const normalPath = requireFlag(args, "normal", usage);
  const abnormalPath = requireFlag(args, "abnormal", usage);
  const jsonFlag = flagValue(args, "json");
  const claim = jsonFlag !== undefined ? claimOutputFile(jsonFlag, { command: "evaluate", flag: "--json", force: args.flags.has("force"), inputs: [normalPath, abnormalPath] }) : null;
  try {
    return await evaluateInto(argv, dir, normalPath, abnormalPath, claim?.path, started);
  } finally {
    claim?.release();
  }
}

async function evaluateInto(argv: readonly string[], dir: string, normalPath: string, abnormalPath: string, jsonOut: string | undefined, started: number): Promise<number> {
  const { detector, card } = await loadModelFlag(dir);
  const normal = readKeyFileForCli(normalPath, "--normal");
  const abnormal = readKeyFileForCli(abnormalPath, "--abnormal");
  const sequences = [...normal.sequences, ...abnormal.sequences];
  const labels = Uint8Array.from([...normal.sequences.map(() => 0), ...abnormal.sequences.map(() => 1)]);
  const t0 = performance.now();
  const scores = await scoreWithModel(detector, { sequences }, dir, `${normalPath} and ${abnormalPath}`);
  checkScores(scores, dir, (i) => (i < normal.sequences.length ? `${normalPath}:${normal.lineNos[i]}` : `${abnormalPath}:${abnormal.lineNos[i - normal.sequences.length]}`));
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
