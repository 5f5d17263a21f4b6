import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { readAccessLog, type AccessLogData } from "../data/access-log-dataset.js";
import { describeThresholdSource } from "../eval/threshold-source.js";
import { readCsvFile } from "../io/csv.js";
import { alertLabelOf } from "../label/alert-labels.js";
import { embeddingSourceOf } from "../experiments/text/token-embeddings.js";
import { saveRawLogTrained, trainOnRawLog } from "../experiments/text/raw-log-training.js";
import type { DetectionThresholdPolicy } from "../experiments/detection/choose-detector-threshold.js";
import { selectBackend } from "../runtime/backend.js";
import { CliError } from "./cli-error.js";
import { writeCliManifest } from "./cli-manifest.js";
import { OutputFolder } from "./output-target.js";

/** A training config file (YAML or JSON): what `loglab train MODEL --config FILE` reads. */
export interface TrainConfig {
  model?: string;
  input: {
    kind: "text-lines" | "http-access";
    /** The raw log, relative to the config file's folder. */
    path: string;
    /** `PATH.labels.csv` (LineId, Label; the default when it exists), `alert-column` (BGL/Thunderbird) or, for access logs, a 0/1 column at the end of each line (or `path` is a .csv with `line` and `label` columns). */
    labels?: string;
    maxTokens?: number;
    windowLines?: number;
    minCount?: number;
    windowMs?: number;
  };
  embeddings?: string;
  freezeEmbeddings?: boolean;
  word2vec?: { dim?: number; epochs?: number; window?: number; negative?: number };
  params?: Record<string, unknown>;
  seed?: number;
  validationFraction?: number;
  threshold?: string;
}

const TOP_KEYS = ["model", "input", "embeddings", "freezeEmbeddings", "word2vec", "params", "seed", "validationFraction", "threshold"];
const INPUT_KEYS = ["kind", "path", "labels", "maxTokens", "windowLines", "minCount", "windowMs"];

/** Reads and checks a config file: unknown keys and wrong types are one error naming the file and the key. */
export function readTrainConfig(path: string): TrainConfig {
  if (!existsSync(path)) throw new CliError(`--config ${path}: no such file`, 2);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (err) {
    throw new CliError(`--config ${path}: not valid YAML or JSON (${(err as Error).message.split("\n")[0]})`, 2);
  }
  const fail = (msg: string): never => {
    throw new CliError(`--config ${path}: ${msg}`, 2);
  };
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail("expected a mapping at the top");
  const c = raw as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!TOP_KEYS.includes(k)) fail(`unknown key "${k}" (known: ${TOP_KEYS.join(", ")})`);
  const input = c.input as Record<string, unknown> | undefined;
  if (!input || typeof input !== "object") fail("input is required (input.kind, input.path)");
  for (const k of Object.keys(input!)) if (!INPUT_KEYS.includes(k)) fail(`unknown key "input.${k}" (known: ${INPUT_KEYS.join(", ")})`);
  if (input!.kind !== "text-lines" && input!.kind !== "http-access") fail(`input.kind must be text-lines or http-access, got ${JSON.stringify(input!.kind)}`);
  if (typeof input!.path !== "string" || !input!.path) fail("input.path must be a file path");
  for (const k of ["maxTokens", "windowLines", "minCount", "windowMs"]) if (input![k] !== undefined && !(typeof input![k] === "number" && (input![k] as number) > 0)) fail(`input.${k} must be a positive number`);
  for (const k of ["model", "embeddings", "threshold"]) if (c[k] !== undefined && typeof c[k] !== "string") fail(`${k} must be a string`);
  for (const k of ["seed", "validationFraction"]) if (c[k] !== undefined && typeof c[k] !== "number") fail(`${k} must be a number`);
  if (c.freezeEmbeddings !== undefined && typeof c.freezeEmbeddings !== "boolean") fail("freezeEmbeddings must be true or false");
  if (c.params !== undefined && (typeof c.params !== "object" || Array.isArray(c.params))) fail("params must be a mapping");
  const config = c as unknown as TrainConfig;
  config.input.path = resolve(dirname(path), config.input.path);
  if (config.input.labels && config.input.labels !== "alert-column") config.input.labels = resolve(dirname(path), config.input.labels);
  if (config.embeddings && config.embeddings !== "random" && config.embeddings !== "trained") config.embeddings = resolve(dirname(path), config.embeddings);
  return config;
}

/** The fields that were given (a config's absent keys must not override defaults with undefined). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parsePolicy(text: string): DetectionThresholdPolicy {
  if (text === "max-f1") return { kind: "max-f1" };
  if (text === "model") return { kind: "model" };
  if (text === "auto") return { kind: "auto" };
  const [kind, value] = text.split(":");
  const v = Number(value);
  if (kind === "max-fpr" && value !== undefined && v >= 0 && v <= 1) return { kind: "max-fpr", fpr: v };
  if (kind === "fixed" && value !== undefined && Number.isFinite(v)) return { kind: "fixed", threshold: v };
  throw new CliError(`threshold ${text}: expected max-f1, max-fpr:RATE (0..1), fixed:VALUE, model or auto`, 2);
}

/** The raw lines of a text input and their labels (labels CSV, or BGL/Thunderbird's alert column). */
function textLinesAndLabels(c: TrainConfig): { lines: string[]; labels: Uint8Array; skipColumns: number } {
  const path = c.input.path;
  if (!existsSync(path)) throw new CliError(`input.path ${path}: no such file`, 2);
  const lines = readFileSync(path, "utf8").split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const labels = new Uint8Array(lines.length);
  if (c.input.labels === "alert-column") {
    lines.forEach((l, i) => (labels[i] = alertLabelOf(l)?.label ?? 0));
    return { lines, labels, skipColumns: 1 };
  }
  const labelsPath = c.input.labels ?? `${path}.labels.csv`;
  if (!existsSync(labelsPath)) throw new CliError(`input.labels ${labelsPath}: no such file (give a LineId,Label CSV or labels: alert-column)`, 2);
  const { header, records } = readCsvFile(labelsPath);
  const id = header.indexOf("LineId");
  const lab = header.indexOf("Label");
  if (id < 0 || lab < 0) throw new CliError(`${labelsPath}: needs LineId and Label columns`, 2);
  const given = new Uint8Array(lines.length);
  records.forEach((r, k) => {
    const n = Number(r[id]);
    const y = Number(r[lab]);
    if (!(Number.isInteger(n) && n >= 1 && n <= lines.length)) throw new CliError(`${labelsPath}:${k + 2}: LineId ${r[id]} is not a line of ${path}`, 2);
    if (y !== 0 && y !== 1) throw new CliError(`${labelsPath}:${k + 2}: Label must be 0 or 1, got "${r[lab]}"`, 2);
    labels[n - 1] = y;
    given[n - 1] = 1;
  });
  const missing = lines.findIndex((l, i) => l.trim() !== "" && !given[i]);
  if (missing >= 0) throw new CliError(`${labelsPath}: no label for line ${missing + 1} of ${path}`, 2);
  return { lines, labels, skipColumns: 0 };
}

/** `loglab train [MODEL] --config FILE --out DIR [--model M] [--embeddings PATH|trained|random] [--force]`. */
export async function runTrainConfig(argv: readonly string[], o: { configPath: string; model: string | undefined; embeddings: string | undefined; out: string; force: boolean }): Promise<number> {
  const started = performance.now();
  const c = readTrainConfig(o.configPath);
  const model = o.model ?? c.model;
  if (!model) throw new CliError(`no model: give MODEL, --model or "model:" in ${o.configPath}`, 2);
  const embeddings = o.embeddings ?? c.embeddings ?? "random";
  const seed = c.seed ?? 42;
  const threshold = c.threshold ? parsePolicy(c.threshold) : undefined;
  let lines: string[];
  let labels: Uint8Array;
  let skipColumns = 0;
  if (c.input.kind === "http-access") {
    let log: AccessLogData;
    try {
      log = readAccessLog(c.input.path, c.input.labels ? { labels: c.input.labels } : {});
    } catch (err) {
      throw new CliError(`input.path ${(err as Error).message}`, 2);
    }
    if (!log.labels) throw new CliError(`input.path ${c.input.path}: no labels (give FILE.labels.csv, input.labels, a 0/1 column at the end of each line, or a .csv with line and label columns)`, 2);
    lines = log.lines;
    labels = new Uint8Array(lines.length);
    log.requests.forEach((r, i) => (labels[r.lineNo - 1] = log.labels![i]!));
  } else ({ lines, labels, skipColumns } = textLinesAndLabels(c));
  const target = OutputFolder.claim(o.out, { command: "train", force: o.force, inputs: [c.input.path, o.configPath] });
  let trained;
  try {
    try {
      trained = await trainOnRawLog({
        model,
        params: c.params,
        kind: c.input.kind,
        lines,
        file: c.input.path,
        labels,
        tokens: definedOnly({ maxTokens: c.input.maxTokens, windowLines: c.input.windowLines, minCount: c.input.minCount, skipColumns }),
        features: c.input.windowMs ? { windowMs: c.input.windowMs } : {},
        embeddings: embeddingSourceOf(embeddings),
        freezeEmbeddings: c.freezeEmbeddings,
        word2vec: c.word2vec,
        seed,
        validationFraction: c.validationFraction,
        threshold,
      });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const nan = trained.result.validationScores.filter((v) => Number.isNaN(v)).length;
    if (nan > 0) throw new CliError(`${model} scored ${nan} validation items NaN: training diverged (try a lower learningRate); no model was saved`);
    await saveRawLogTrained(target.dir, trained);
    const backend = (await selectBackend()).choice;
    await writeCliManifest(
      { folder: target.dir },
      { command: "train", argv, inputs: [c.input.path, o.configPath], config: { model, input: c.input, embeddings, freezeEmbeddings: c.freezeEmbeddings ?? false, params: trained.result.card.params, threshold: trained.result.card.thresholdPolicy }, seed, backend, seconds: (performance.now() - started) / 1000, outputs: readdirSync(target.dir).filter((f) => f !== "manifest.json").sort() },
    );
    target.commit();
  } finally {
    target.release();
    trained?.result.detector.dispose();
  }
  const card = trained.result.card;
  const v = card.validation;
  const e = trained.embeddings;
  process.stdout.write(
    [
      `trained ${model} on ${c.input.kind} ${c.input.path}: ${trained.items} items (${card.training.normal} normal, ${card.training.abnormal} anomalous), ${trained.rejected.length} lines rejected, in ${trained.result.fitSeconds.toFixed(2)} s`,
      e ? `embeddings: ${e.source}${e.dim ? `, ${e.dim} dimensions, ${e.covered} of ${e.tokens} tokens have a vector${c.freezeEmbeddings ? ", frozen" : ""}` : ""}` : "",
      `threshold ${card.threshold} (${card.thresholdSource ? describeThresholdSource(card.thresholdSource) : "chosen at training"})`,
      v ? `at that threshold on validation: precision ${v.precision.toFixed(4)}, recall ${v.recall.toFixed(4)}, F1 ${v.f1.toFixed(4)}, FP ${v.fp}, FN ${v.fn}` : "no validation metrics",
      `saved to ${o.out}`,
    ]
      .filter(Boolean)
      .join("\n") + "\n",
  );
  return 0;
}
