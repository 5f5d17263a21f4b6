import { join, resolve } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic-write.js";
import { CsvWriter } from "../io/csv.js";
import { LogBert } from "../models/bert/logbert.js";
import { FrequentRareEnsemble, type EnsembleOptions } from "../models/ensemble/frequent-rare-ensemble.js";
import { labelTable, type LabelTable } from "../models/ensemble/label-table.js";
import { llmSettingsFromEnv, reviewTriageGroup, type LlmReview } from "../models/ensemble/triage-llm.js";
import { triageQueue, triageQueueCsv, type TriageLine } from "../models/ensemble/triage-queue.js";
import { DualLstm } from "../models/sequence/dual-lstm.js";
import { loadTrainedDetector, type ModelCard } from "../models/trained-model.js";
import { selectBackend } from "../runtime/backend.js";
import { markdownTable } from "../report/table.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { writeCliManifest } from "./cli-manifest.js";
import { readEnsembleInput } from "./ensemble-input.js";
import { readKeyFileForCli } from "./key-inputs.js";
import { OutputFolder } from "./output-target.js";

export const usage = `usage: loglab ensemble --frequent-model DIR --semantic-model DIR --normal FILE --input FILE|DIR
                       [--abnormal FILE | --labels FILE] [--keys keys.csv] --out DIR [--force]
                       [--validation-fraction F] [--g validation|model] [--max-fpr R]
                       [--watch-fpr R] [--danger-fpr R] [--short-sessions watch|ignore]
                       [--unseen-templates watch|distance]
                       [--seed N] [--llm-review N]

Labels every line and session of --input Danger / Watch Out / Normal with the frequent/rare
ensemble (issue 12) and writes a triage queue of the Watch Out lines, grouped by template.
  --frequent-model  a dual LSTM trained by \`loglab train dual-lstm --normal FILE …\`
  --semantic-model  LogBERT-severity trained by \`loglab train logbert-severity --normal FILE …\`
                    (plain \`logbert\` is accepted)
  --normal          the normal key file both models were trained on: its first 1 − F sessions (file
                    order, as \`loglab train\` splits it) give the normal training embeddings and the
                    templates' training counts (rarity), its last F (the models' validation part)
                    choose every threshold; test data never do. F = --validation-fraction, by
                    default the fraction the semantic model's card records (else 0.2)
  --input           a DeepLog-style key file, or a folder written by \`loglab sessions\` (then lines
                    are traced to raw file:line, labels and templates come from the folder)
  --abnormal FILE   key file of anomalous sessions, judged after --input's (whose sessions are then
                    taken as normal); or --labels FILE: one 0/1 per session of --input
  --keys            a keys.csv (Key, EventTemplate) to show template text in the triage queue
Rule: templates are frequent or rare by their training occurrences (the dual LSTM's split). A
frequent line is Danger when the dual LSTM's frequent model (rank > its g) AND LogBERT-severity
(masked-key rank > its g) flag it, Watch Out when one does, else Normal. A rare (or never seen)
line is judged by the cosine distance of its LogBERT-severity embedding to the nearest normal
training embedding: Watch Out past the watch cutoff, Danger past the danger cutoff; a template
never seen in training is at least Watch Out (--unseen-templates watch, default; \`distance\`: the
distance alone, as the study). A session is
its worst line; --short-sessions watch (default) also makes a session shorter than every normal
training session Watch Out (LogBERT's own rule for what it never learned; \`ignore\`: lines alone). --g validation (default): each g is the smallest flagging at most --max-fpr
(0.01) of the validation normal sessions; --g model: the models' own g. Cutoffs: at most
--watch-fpr (0.01) / --danger-fpr (0) of the validation normal lines (rare ones when there are
≥ 20) lie beyond them. Seeded (--seed, default 42).
Writes, in DIR: sessions.csv and lines.csv (label, rule, scores and thresholds per session and per
line), label-table.json and label-table.md (count of each label; with labels, its precision:
the share of real anomalies), triage-queue.csv and triage-queue.json (Watch Out lines by template:
count, sessions, mean/max score, training count, priority, up to 3 example lines), ensemble.json
(thresholds and how they were chosen), manifest.json.
--llm-review N: sends the first N triage groups to an OpenAI-compatible chat endpoint
(POST $LOGLAB_LLM_URL/v1/chat/completions, model $LOGLAB_LLM_MODEL, key $LOGLAB_LLM_API_KEY) and
writes llm-review.json; off unless given, and refused without LOGLAB_LLM_URL.`;

function num(args: ReturnType<typeof parseArgs>, name: string, fallback: number, ok: (v: number) => boolean, what: string): number {
  const t = flagValue(args, name);
  if (t === undefined) return fallback;
  const v = Number(t);
  if (!Number.isFinite(v) || !ok(v)) throw new CliError(`--${name} ${t}: expected ${what}`, 2);
  return v;
}

async function loadModel(dir: string, flag: string, names: readonly string[]): Promise<{ detector: unknown; card: ModelCard }> {
  let loaded;
  try {
    loaded = await loadTrainedDetector(dir);
  } catch (err) {
    throw new CliError(`${flag} ${(err as Error).message}`);
  }
  if (!names.includes(loaded.card.name)) {
    loaded.detector.dispose();
    throw new CliError(`${flag} ${dir} holds a ${loaded.card.name} model; expected ${names.join(" or ")} (train one with \`loglab train ${names[0]}\`)`, 2);
  }
  return loaded;
}

function tableMarkdown(t: LabelTable): string {
  return markdownTable(
    t.rows.map((r) => ({ label: r.label, sessions: r.sessions, lines: r.lines, ...(t.anomalies !== null ? { "real anomalies": r.anomalous, precision: r.precision } : {}) })),
    undefined,
    4,
  );
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, {
    values: ["frequent-model", "semantic-model", "normal", "input", "abnormal", "labels", "keys", "out", "validation-fraction", "g", "max-fpr", "watch-fpr", "danger-fpr", "seed", "llm-review", "short-sessions", "unseen-templates"],
    booleans: ["force"],
  });
  if (args.positionals.length) throw new CliError(`unexpected arguments: ${args.positionals.join(" ")}\n${usage}`, 2);
  const freqDir = requireFlag(args, "frequent-model", usage);
  const semDir = requireFlag(args, "semantic-model", usage);
  const normalPath = requireFlag(args, "normal", usage);
  const input = requireFlag(args, "input", usage);
  const out = requireFlag(args, "out", usage);
  const gChoice = flagValue(args, "g", "validation");
  if (gChoice !== "validation" && gChoice !== "model") throw new CliError(`--g ${gChoice}: expected validation or model`, 2);
  const shortSessions = flagValue(args, "short-sessions", "watch");
  if (shortSessions !== "watch" && shortSessions !== "ignore") throw new CliError(`--short-sessions ${shortSessions}: expected watch or ignore`, 2);
  const unseenTemplates = flagValue(args, "unseen-templates", "watch");
  if (unseenTemplates !== "watch" && unseenTemplates !== "distance") throw new CliError(`--unseen-templates ${unseenTemplates}: expected watch or distance`, 2);
  const options: Partial<EnsembleOptions> = {
    gChoice,
    shortSessions,
    unseenTemplates,
    maxFpr: num(args, "max-fpr", 0.01, (v) => v >= 0 && v < 1, "a share in [0, 1)"),
    watchFpr: num(args, "watch-fpr", 0.01, (v) => v >= 0 && v < 1, "a share in [0, 1)"),
    dangerFpr: num(args, "danger-fpr", 0, (v) => v >= 0 && v < 1, "a share in [0, 1)"),
    seed: num(args, "seed", 42, Number.isInteger, "an integer"),
  };
  if (options.dangerFpr! > options.watchFpr!) throw new CliError(`--danger-fpr must not exceed --watch-fpr`, 2);
  const llmN = num(args, "llm-review", 0, (v) => Number.isInteger(v) && v >= 1, "a positive integer");
  const llm = llmN > 0 ? llmSettingsFromEnv() : null;
  if (llmN > 0 && !llm) throw new CliError(`--llm-review needs LOGLAB_LLM_URL (an OpenAI-compatible endpoint; LOGLAB_LLM_MODEL, LOGLAB_LLM_API_KEY optional)`, 2);
  const abnormal = flagValue(args, "abnormal");
  const labelsPath = flagValue(args, "labels");
  const keys = flagValue(args, "keys");
  const normal = readKeyFileForCli(normalPath, "--normal");
  const data = readEnsembleInput(input, { ...(abnormal ? { abnormal } : {}), ...(labelsPath ? { labels: labelsPath } : {}), ...(keys ? { keys } : {}) });
  const inputs = [normalPath, ...data.files];
  const target = OutputFolder.claim(out, { command: "ensemble", force: args.flags.has("force"), inputs: [...inputs, freqDir, semDir] });
  let lstm: DualLstm | null = null;
  let bert: LogBert | null = null;
  try {
    const f = await loadModel(freqDir, "--frequent-model", ["dual-lstm"]);
    lstm = f.detector as DualLstm;
    const s = await loadModel(semDir, "--semantic-model", ["logbert-severity", "logbert"]);
    bert = s.detector as LogBert;
    if (!(lstm instanceof DualLstm) || !(bert instanceof LogBert)) throw new CliError(`the model folders did not load as a dual LSTM and LogBERT`);
    // The split below must be the one the models were trained on: say so when the cards name other files.
    for (const [flag, card] of [["--frequent-model", f.card], ["--semantic-model", s.card]] as const) {
      const files = card.training.files ?? [];
      if (files.length > 0 && !files.includes(resolve(normalPath))) process.stderr.write(`loglab ensemble: warning: ${flag} was trained on ${files.join(", ")}, not on --normal ${normalPath}; thresholds are still chosen on the validation part of --normal\n`);
    }
    const vf = num(args, "validation-fraction", s.card.validationSplit?.fraction ?? 0.2, (v) => v > 0 && v < 1, "a fraction in (0, 1)");
    const n = normal.sequences.length;
    if (n < 2) throw new CliError(`--normal ${normalPath}: need at least 2 sessions`, 2);
    const cut = Math.max(1, Math.min(n - 1, Math.round(n * (1 - vf))));
    let ensemble: FrequentRareEnsemble;
    try {
      ensemble = await FrequentRareEnsemble.calibrate(lstm, bert, { sequences: normal.sequences.slice(0, cut) }, { sequences: normal.sequences.slice(cut) }, options);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const t0 = performance.now();
    const result = ensemble.judge({ sequences: data.sequences });
    const judgeSeconds = (performance.now() - t0) / 1000;
    const th = result.thresholds;
    const dir = target.dir;
    // Per session and per line.
    const sw = new CsvWriter(join(dir, "sessions.csv"), ["session", "source", "lines", "label", "rule", "position", "score", "max_lstm_rank", "max_bert_rank", "max_distance", "danger_lines", "watch_out_lines", "truth", "lstm_g", "bert_g", "watch_cutoff", "danger_cutoff"]);
    for (const r of result.sessions) sw.write([r.session + 1, data.sessionRef(r.session), r.lines, r.label, r.rule ?? "", r.position >= 0 ? r.position + 1 : "", r.score, r.maxLstmRank, r.maxBertRank, r.maxDistance ?? "", r.danger, r.watchOut, data.truth ? data.truth[r.session]! : "", th.lstmG, th.bertG, th.watchCutoff, th.dangerCutoff]);
    sw.close();
    const lw = new CsvWriter(join(dir, "lines.csv"), ["session", "position", "ref", "key", "part", "train_count", "lstm_rank", "bert_rank", "distance", "label", "rule", "score", "lstm_g", "bert_g", "watch_cutoff", "danger_cutoff"]);
    for (const l of result.lines) lw.write([l.session + 1, l.position + 1, data.lineRef(l.session, l.position).ref, l.key, l.part, l.trainCount, l.lstmRank, l.bertRank, l.distance ?? "", l.label, l.rule, l.score, th.lstmG, th.bertG, th.watchCutoff, th.dangerCutoff]);
    lw.close();
    // The label table.
    const table = labelTable(result.sessions.map((r) => r.label), result.lines.map((l) => l.label), data.truth ?? undefined);
    writeJsonAtomic(join(dir, "label-table.json"), table);
    const md = tableMarkdown(table);
    writeFileAtomic(join(dir, "label-table.md"), md + "\n");
    // The triage queue of Watch Out lines.
    const watch: TriageLine[] = result.lines
      .filter((l) => l.label === "Watch Out")
      .map((l) => {
        const at = data.lineRef(l.session, l.position);
        return { key: l.key, session: l.session, ref: at.ref, ...(at.text !== undefined ? { text: at.text } : {}), score: l.score, trainCount: l.trainCount, rule: l.rule };
      });
    const trainingLines = normal.sequences.slice(0, cut).reduce((a, q) => a + q.length, 0);
    const queue = triageQueue(watch, { trainingLines, ...(data.templates ? { templates: data.templates } : {}) });
    writeFileAtomic(join(dir, "triage-queue.csv"), triageQueueCsv(queue));
    writeJsonAtomic(join(dir, "triage-queue.json"), queue);
    const outputs = ["sessions.csv", "lines.csv", "label-table.json", "label-table.md", "triage-queue.csv", "triage-queue.json", "ensemble.json"];
    let reviews: LlmReview[] = [];
    if (llm) {
      for (const g of queue.slice(0, llmN)) reviews.push(await reviewTriageGroup(g, llm));
      writeJsonAtomic(join(dir, "llm-review.json"), { endpoint: `${llm.url}/v1/chat/completions`, model: llm.model, reviews });
      outputs.push("llm-review.json");
    }
    writeJsonAtomic(join(dir, "ensemble.json"), {
      frequentModel: resolve(freqDir),
      semanticModel: resolve(semDir),
      semanticModelName: s.card.name,
      input: { path: resolve(input), kind: data.kind, sessions: data.sequences.length, labelled: data.truth !== null },
      normal: { path: resolve(normalPath), trainingSessions: cut, validationSessions: n - cut, validationFraction: vf },
      calibration: ensemble.calibration,
      judgeSeconds,
      triageGroups: queue.length,
      watchOutLines: watch.length,
    });
    const backend = (await selectBackend()).choice;
    await writeCliManifest({ folder: dir }, { command: "ensemble", argv, inputs: [...inputs, join(freqDir, "loglab-model.json"), join(semDir, "loglab-model.json")], config: { options: ensemble.calibration.options, thresholds: th, validationFraction: vf }, seed: options.seed ?? 42, backend, seconds: (performance.now() - started) / 1000, outputs });
    target.commit();
    const c = ensemble.calibration;
    process.stdout.write(
      [
        `ensemble: ${result.sessions.length} sessions, ${result.lines.length} lines of ${input} (${data.kind}${data.truth ? ", labelled" : ""}) judged in ${judgeSeconds.toFixed(2)} s`,
        `thresholds (validation: ${c.validationSessions} normal sessions of ${normalPath}): ${c.lstmGRule}; ${c.bertGRule}; ${c.cutoffRule}`,
        `templates: ${c.frequentKeys} frequent, ${c.rareKeys} rare in training; cosine bank ${c.bankSize} of ${c.trainingLines} training lines`,
        md,
        `triage queue: ${watch.length} Watch Out lines in ${queue.length} template groups` + (reviews.length ? `; ${reviews.length} groups reviewed by ${llm!.model}` : ""),
        `wrote ${out}`,
      ].join("\n") + "\n",
    );
  } finally {
    target.release();
    lstm?.dispose();
    bert?.dispose();
  }
  return 0;
}

