/**
 * Token-level models over raw log text, line by line (issue 18, item 3): the toolkit's synthetic
 * setting (its generator's kind of log, 10,000 lines, anomaly ratio 0.1) next to its published
 * table, and real labelled text (BGL's alert column) split by time and by template, with the key
 * embedding started from random, skip-gram trained on the training lines, or a vector file.
 *
 * Each line is one item (word tokens, `[NUM]`/`[HEX]`/`[IP]` masked, the first 50 kept); the
 * tokenizer's vocabulary is fitted on the training lines only; models go through the one
 * detection runner (fit on the train part, threshold = max F1 on validation, test scored once).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { generateSyntheticLogs, type SyntheticFormat } from "../../data/synthetic.js";
import { loghubLogPath, readLoghubStructured } from "../../data/loghub-2k.js";
import { readMessageCorpus, shippedCorpusSources } from "../../data/message-corpus.js";
import { trainWordEmbeddings, type WordEmbeddingOptions } from "../../features/word-embeddings.js";
import { projectRoot } from "../../runtime/project.js";
import { Rng } from "../../runtime/rng.js";
import { LineTokenizer, type LineTokenOptions } from "../../text/line-tokens.js";
import { logPretokenize } from "../../text/log-pretokenize.js";
import type { LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { disposeResults, runDetectionExperiment, type AnyDetectionResult } from "../detection/detection-experiment.js";
import type { DetectionSplit, ExperimentModel, LabelledSessions } from "../detection/experiment-model.js";
import { describeEmbeddingSource, tokenKeyVectors, type EmbeddingSource } from "./token-embeddings.js";

/** The token-level classifiers of the registry, in the toolkit's table order. */
export const TEXT_CLASSIFIERS = ["lstm", "gru", "bilstm-attention", "cnn-lstm", "transformer", "cnn-transformer"] as const;
export type TextClassifierName = (typeof TEXT_CLASSIFIERS)[number];

/**
 * The toolkit's published F1 on its synthetic setting (10,000 generated logs, anomaly ratio 0.1),
 * per model; it publishes no CNN-LSTM row, and AUC 0.96–0.98 for all models.
 */
export const PUBLISHED_TEXT_F1: Readonly<Record<TextClassifierName, number | null>> = {
  lstm: 0.941,
  gru: 0.936,
  "bilstm-attention": 0.948,
  "cnn-lstm": null,
  transformer: 0.955,
  "cnn-transformer": 0.951,
};
/** The toolkit's published AUC range (all models). */
export const PUBLISHED_TEXT_AUC = "0.96–0.98";

/** Which part each line goes to: 0 train, 1 validation, 2 test. */
export type LinePart = 0 | 1 | 2;

/** Labelled lines split into train / validation / test items (one item per line). */
export interface TextLineSplit {
  split: DetectionSplit;
  tokenizer: LineTokenizer;
  /** The training lines (what the tokenizer and trained embeddings saw). */
  trainLines: string[];
  /** Per part: lines, anomalous lines, distinct templates (when known), templates shared with train. */
  sizes: { part: "train" | "validation" | "test"; lines: number; anomalous: number; templates: number | null; templatesSeenInTrain: number | null }[];
  /** How the lines were split, in words. */
  rule: string;
}

/**
 * Splits labelled lines by a part per line: the tokenizer is fitted on the training lines, every
 * line becomes one item. `templates` (one id per line) only feeds the size table.
 */
export function splitTextLines(lines: readonly string[], labels: Uint8Array, parts: readonly LinePart[], o: { tokens?: Partial<LineTokenOptions>; templates?: readonly string[]; rule: string }): TextLineSplit {
  if (labels.length !== lines.length || parts.length !== lines.length) throw new Error(`splitTextLines: ${lines.length} lines, ${labels.length} labels, ${parts.length} parts`);
  if (o.templates && o.templates.length !== lines.length) throw new Error(`splitTextLines: ${o.templates.length} templates for ${lines.length} lines`);
  const idx: number[][] = [[], [], []];
  parts.forEach((p, i) => idx[p]!.push(i));
  for (const [k, name] of ["train", "validation", "test"].entries()) if (idx[k]!.length < 2) throw new Error(`splitTextLines: the ${name} part has ${idx[k]!.length} lines`);
  const trainLines = idx[0]!.map((i) => lines[i]!);
  const tokenizer = LineTokenizer.fit(trainLines, { ...o.tokens, windowLines: 1 });
  const part = (k: number): LabelledSessions => ({ sequences: tokenizer.transform(idx[k]!.map((i) => lines[i]!)).sequences, labels: Uint8Array.from(idx[k]!.map((i) => labels[i]!)) });
  const trainTemplates = o.templates ? new Set(idx[0]!.map((i) => o.templates![i]!)) : null;
  const sizes = (["train", "validation", "test"] as const).map((name, k) => {
    const t = o.templates ? new Set(idx[k]!.map((i) => o.templates![i]!)) : null;
    return {
      part: name,
      lines: idx[k]!.length,
      anomalous: idx[k]!.reduce((a, i) => a + labels[i]!, 0),
      templates: t ? t.size : null,
      templatesSeenInTrain: t && trainTemplates ? [...t].filter((x) => trainTemplates.has(x)).length : null,
    };
  });
  return { split: { train: part(0), validation: part(1), test: part(2) }, tokenizer, trainLines, sizes, rule: o.rule };
}

/** Parts by time (file order): the first `train` share, the next `validation` share, the rest. */
export function partsByTime(n: number, fractions: { train: number; validation: number } = { train: 0.6, validation: 0.2 }): LinePart[] {
  const a = Math.round(n * fractions.train);
  const b = Math.round(n * (fractions.train + fractions.validation));
  return Array.from({ length: n }, (_, i) => (i < a ? 0 : i < b ? 1 : 2));
}

/**
 * Parts by template: every line of a template goes to the same part, so test (and validation)
 * hold only templates never seen in training. Templates of anomalous lines and of normal lines
 * are dealt separately (a template whose lines are mostly anomalous counts as anomalous), largest
 * first (ties in a seeded random order), each to the part furthest below its share of that
 * class's lines (`train`, `validation`, the rest for test), so one huge template cannot empty a
 * part; each part gets at least one template of each class when the class has three or more.
 */
export function partsByTemplate(templates: readonly string[], labels: Uint8Array, seed: number, fractions: { train: number; validation: number } = { train: 0.6, validation: 0.2 }): LinePart[] {
  const count = new Map<string, [number, number]>();
  templates.forEach((t, i) => {
    const c = count.get(t) ?? [0, 0];
    c[labels[i]!]++;
    count.set(t, c);
  });
  const size = (t: string): number => count.get(t)![0] + count.get(t)![1];
  const share = [fractions.train, fractions.validation, 1 - fractions.train - fractions.validation];
  const partOf = new Map<string, LinePart>();
  const rng = new Rng(seed).fork("template-split");
  for (const anomalous of [false, true]) {
    const ts = rng.shuffle([...count.entries()].filter(([, c]) => c[1] > c[0] === anomalous).map(([t]) => t).sort()).sort((x, y) => size(y) - size(x));
    const total = ts.reduce((a, t) => a + size(t), 0);
    const lines = [0, 0, 0];
    const held = [0, 0, 0];
    ts.forEach((t, k) => {
      const left = ts.length - k;
      const empty = ([1, 2] as const).filter((q) => held[q] === 0);
      let p: LinePart;
      // The last templates go to validation / test if those still have none.
      if (ts.length >= 3 && empty.length >= left) p = empty[0]!;
      else p = ([0, 1, 2] as const).reduce((best, q) => (share[q]! * total - lines[q]! > share[best]! * total - lines[best]! ? q : best), 0 as LinePart);
      partOf.set(t, p);
      lines[p] += size(t);
      held[p]++;
    });
  }
  return templates.map((t) => partOf.get(t)!);
}

/** The toolkit's synthetic setting: generated lines (syslog by default), split by time. */
export function syntheticTextSplit(o: { lines: number; anomalyRatio: number; seed: number; format?: SyntheticFormat; fractions?: { train: number; validation: number }; tokens?: Partial<LineTokenOptions> }): TextLineSplit & { anomalyTypes: (string | null)[] } {
  const gen = generateSyntheticLogs(new Rng(o.seed), { format: o.format ?? "syslog", lines: o.lines, anomalyRatio: o.anomalyRatio });
  const f = o.fractions ?? { train: 0.6, validation: 0.2 };
  const s = splitTextLines(
    gen.map((l) => l.text),
    Uint8Array.from(gen.map((l) => l.label)),
    partsByTime(gen.length, f),
    { tokens: o.tokens, templates: gen.map((l) => l.template), rule: `${o.lines} generated ${o.format ?? "syslog"} lines (anomaly ratio ${o.anomalyRatio}, seed ${o.seed}), file order ${Math.round(f.train * 100)}/${Math.round(f.validation * 100)}/${Math.round((1 - f.train - f.validation) * 100)}` },
  );
  return { ...s, anomalyTypes: gen.map((l) => l.anomalyType) };
}

/** Labelled LogHub 2k lines: the raw line (label column included), its label and its ground-truth template. */
export interface LabelledLoghubLines {
  system: LoghubSystem;
  file: string;
  lines: string[];
  labels: Uint8Array;
  templates: string[];
}

/**
 * A LogHub 2k sample whose first column is the alert label (BGL, Thunderbird: `-` = normal, else
 * the alert category), with the ground-truth event id of each line. The label column stays in the
 * line: tokenize with `skipColumns: 1` so the models never see it.
 */
export function readAlertLabelledLines(system: "BGL" | "Thunderbird"): LabelledLoghubLines {
  const file = loghubLogPath(system);
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  const rows = readLoghubStructured(system);
  if (rows.length !== lines.length) throw new Error(`${file}: ${lines.length} lines but ${rows.length} structured rows`);
  return { system, file, lines, labels: Uint8Array.from(lines.map((l) => (l.startsWith("- ") ? 0 : 1))), templates: rows.map((r) => r.eventId) };
}

/** BGL (or Thunderbird) lines split by time or by template, the label column hidden from the tokenizer. */
export function alertLinesSplit(data: LabelledLoghubLines, by: "time" | "template", seed: number, tokens: Partial<LineTokenOptions> = {}): TextLineSplit {
  const anomalous = data.labels.reduce((a, b) => a + b, 0);
  if (anomalous === 0) throw new Error(`${data.file}: no alert line in the sample (the label column is "-" on every line): nothing to evaluate`);
  const parts = by === "time" ? partsByTime(data.lines.length) : partsByTemplate(data.templates, data.labels, seed);
  const rule = by === "time" ? `${data.system} 2k lines, file order 60/20/20` : `${data.system} 2k lines, by ground-truth template (no test template in train; seeded, seed ${seed})`;
  return splitTextLines(data.lines, data.labels, parts, { tokens: { skipColumns: 1, ...tokens }, templates: data.templates, rule });
}

/** The token-level classifiers with shared parameters (typed by the registry). */
export function textClassifiers(params: { epochs?: number; maxLength?: number; embeddingDim?: number; maxTrainSeconds?: number; earlyStoppingPatience?: number }, names: readonly TextClassifierName[] = TEXT_CLASSIFIERS): ExperimentModel[] {
  return names.map((model) => ({ model, params: { maxLength: 50, ...params } }) as ExperimentModel);
}

/**
 * Writes skip-gram vectors trained on the messages of shipped logs other than `exclude` (e.g. all
 * LogHub 2k systems but BGL) to a word2vec text file: a pretrained vector file built without
 * downloads and without the evaluated system's lines, read back by the `{ file }` source.
 */
export async function writeCorpusVectorFile(path: string, o: { exclude: string; dim: number; seed: number; maxLinesPerFile?: number; word2vec?: WordEmbeddingOptions; tokens?: Partial<LineTokenOptions> }): Promise<{ path: string; words: number; messages: number; files: number }> {
  const sources = shippedCorpusSources().filter((s) => !s.path.includes(o.exclude));
  const corpus = await readMessageCorpus(sources, { maxLinesPerFile: o.maxLinesPerFile });
  const opts = { lowercase: true, maskParameters: true, ...o.tokens };
  const sentences = corpus.messages.map((m) => logPretokenize(m, opts));
  const { vectors } = trainWordEmbeddings(sentences, new Rng(o.seed).fork("corpus-word2vec"), { epochs: 3, ...o.word2vec, dim: o.dim });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, vectors.toText(5));
  return { path, words: vectors.size, messages: corpus.messages.length, files: sources.length };
}

/** A vector file's row for a table: its path relative to the project, words, messages, files. */
export function vectorFileRow(v: { path: string; words: number; messages: number; files: number }): { file: string; words: number; "messages trained on": number; "log files": number } {
  const rel = relative(projectRoot(), v.path);
  return { file: rel.startsWith("..") ? v.path : rel, words: v.words, "messages trained on": v.messages, "log files": v.files };
}

/** What {@link runTextExperiment} returns: the results and the embeddings used. */
export interface TextExperiment {
  results: AnyDetectionResult[];
  embeddings: string;
  /** Vocabulary tokens with a start vector, of all. */
  covered: number;
  tokens: number;
}

/**
 * Fits and tests the models on a text split with key embeddings from one source (random: each
 * model's own start; trained / file: the vectors, `embeddingDim` set to their length).
 */
export async function runTextExperiment(s: TextLineSplit, models: readonly ExperimentModel[], o: { seed: number; embeddings: EmbeddingSource; dim: number; freeze?: boolean; workers?: number; onModel?: (r: AnyDetectionResult) => void }): Promise<TextExperiment> {
  const kv = await tokenKeyVectors(s.tokenizer, s.trainLines, o.embeddings, { dim: o.dim, freeze: o.freeze ?? false, seed: o.seed });
  const dim = kv.dim ?? o.dim;
  const sized = models.map((m) => ({ ...m, params: { ...(m.params as object), embeddingDim: dim } }) as ExperimentModel);
  const results = await runDetectionExperiment({ split: s.split, models: sized, seed: o.seed, threshold: { kind: "max-f1" }, keyVectors: kv.keyVectors ?? undefined, workers: o.workers, onModel: o.onModel });
  return { results, embeddings: describeEmbeddingSource(o.embeddings), covered: kv.covered, tokens: kv.tokens };
}

/** One row of a text-model table. */
export interface TextResultRow {
  setting: string;
  model: string;
  embeddings: string;
  P: number;
  R: number;
  F1: number;
  "ROC-AUC": number;
  "published F1": number | null;
  "F1 − published": number | null;
  "fit s": number;
  [k: string]: string | number | null;
}

/** Test precision, recall, F1, ROC-AUC per model (at the validation threshold), with the published F1 when `published`. */
export function textResultRows(setting: string, e: TextExperiment, published = false): TextResultRow[] {
  return e.results.map((r) => {
    const pub = published ? (PUBLISHED_TEXT_F1[r.model as TextClassifierName] ?? null) : null;
    return {
      setting,
      model: r.label,
      embeddings: e.embeddings,
      P: r.test.all.precision,
      R: r.test.all.recall,
      F1: r.test.all.f1,
      "ROC-AUC": r.test.all.rocAuc,
      "published F1": pub,
      "F1 − published": pub === null ? null : r.test.all.f1 - pub,
      "fit s": r.fitSeconds,
    };
  });
}

/** The split sizes as table rows. */
export function textSplitRows(s: TextLineSplit): Record<string, string | number | null>[] {
  return s.sizes.map((z) => ({ split: s.rule, ...z }));
}

/** Alert lines per shipped sample (BGL, Thunderbird): what line-level evaluation can use. */
export function alertSampleRows(systems: readonly ("BGL" | "Thunderbird")[] = ["BGL", "Thunderbird"]): { sample: string; lines: number; "alert lines": number; "alert templates": number; usable: string }[] {
  return systems.map((s) => {
    const d = readAlertLabelledLines(s);
    const alerts = d.labels.reduce((a, b) => a + b, 0);
    return {
      sample: d.file.replace(/^.*\/data\//, "data/"),
      lines: d.lines.length,
      "alert lines": alerts,
      "alert templates": new Set(d.templates.filter((_, i) => d.labels[i] === 1)).size,
      usable: alerts > 0 ? "yes" : "no: every line is labelled normal (-)",
    };
  });
}

/** One embedding source of a comparison, with the name shown in tables. */
export interface NamedEmbeddingSource {
  name: string;
  source: EmbeddingSource;
}

/**
 * Runs the same models on each split with each embedding source (key embedding dim `dim` for
 * random and trained; a file's own length otherwise) and returns the table rows, setting =
 * the split's name. Detectors are disposed as each run ends. The models of one (split, source)
 * pair are fitted `workers` at a time (default: as {@link runDetectionExperiment}).
 */
export async function runTextEmbeddingComparison(splits: readonly { name: string; split: TextLineSplit }[], models: readonly ExperimentModel[], sources: readonly NamedEmbeddingSource[], o: { seed: number; dim: number; workers?: number; onModel?: (r: AnyDetectionResult) => void }): Promise<TextResultRow[]> {
  const rows: TextResultRow[] = [];
  for (const s of splits) {
    for (const e of sources) {
      const exp = await runTextExperiment(s.split, models, { seed: o.seed, embeddings: e.source, dim: o.dim, workers: o.workers, onModel: o.onModel });
      try {
        rows.push(...textResultRows(s.name, { ...exp, embeddings: e.name }).map((r) => ({ ...r, "tokens with a start vector": e.source === "random" ? "-" : `${exp.covered}/${exp.tokens}` })));
      } finally {
        disposeResults(exp.results);
      }
    }
  }
  return rows;
}

/** Bars of test F1 per model beside the published F1 (for `modelComparisonFigure`). */
export function publishedF1Bars(rows: readonly TextResultRow[]): { model: string; value: number; published: number | null }[] {
  return rows.map((r) => ({ model: r.model, value: r.F1, published: r["published F1"] }));
}

/** Test F1 of one setting's rows as grouped series: one category per model, one series per embedding source (for `groupedScoresFigure`). */
export function embeddingF1Series(rows: readonly TextResultRow[], setting: string): { categories: string[]; series: { name: string; values: (number | null)[] }[] } {
  const mine = rows.filter((r) => r.setting === setting);
  const categories = [...new Set(mine.map((r) => r.model))];
  const names = [...new Set(mine.map((r) => r.embeddings))];
  return { categories, series: names.map((name) => ({ name, values: categories.map((m) => mine.find((r) => r.model === m && r.embeddings === name)?.F1 ?? null) })) };
}
