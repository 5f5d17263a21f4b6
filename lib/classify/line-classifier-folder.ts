import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeDirAtomic } from "../io/atomic-write.js";
import { BertLineClassifier } from "../models/bert/bert-line-classifier.js";
import { BertLineScorer } from "./bert-line-scorer.js";
import { ClassicLineScorer } from "./classic-line-scorer.js";
import { LineAnalyzer, type LineAnalyzerState } from "./line-analyzer.js";
import type { LineClassifierCard, LineScorer } from "./line-classifier.js";
import { ScoredLineClassifier } from "./scored-line-classifier.js";

/** The card of a line-classifier folder. */
export const LINE_CLASSIFIER_CARD = "loglab-classifier.json";
/** The Drain states (one per log type) of a line-classifier folder. */
export const LINE_ANALYZER_FILE = "line-analyzer.json";

/** Loads the scorer of one kind from a model folder (its own files; the card and analyzer are read already). */
export type LineScorerLoader = (dir: string, card: LineClassifierCard) => Promise<LineScorer>;

/**
 * Scorer loaders by card `kind`: `classic` (tf-idf of template words + a classic classifier) and
 * `bert` (`bert-dann`, `bert-lora`, `bert-hybrid`). A model family plugs in by adding its kind here;
 * a folder of a kind without a loader is reported as not loadable, naming the kind.
 */
export const LINE_SCORER_LOADERS: Record<string, LineScorerLoader> = {
  classic: async (dir) => ClassicLineScorer.load(dir),
  bert: async (dir) => new BertLineScorer(await BertLineClassifier.load(dir)),
};

/**
 * Saves a line classifier as a folder, atomically: `loglab-classifier.json` (card),
 * `line-analyzer.json` (the Drain states, so templates match training) and the scorer's files.
 */
export async function saveLineClassifier(dir: string, classifier: ScoredLineClassifier): Promise<void> {
  await writeDirAtomic(dir, async (tmp) => {
    await classifier.scorer.save(tmp);
    writeFileSync(join(tmp, LINE_ANALYZER_FILE), JSON.stringify(classifier.analyzer.toState()));
    writeFileSync(join(tmp, LINE_CLASSIFIER_CARD), JSON.stringify(classifier.card, null, 2) + "\n");
  });
}

function readJson<T>(path: string, what: string): T {
  if (!existsSync(path)) throw new Error(`${what}: ${path} is missing`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** Reads and checks a folder's card; errors say which folder and what is wrong. */
export function readLineClassifierCard(dir: string): LineClassifierCard {
  const path = join(dir, LINE_CLASSIFIER_CARD);
  if (!existsSync(path)) throw new Error(`${dir} is not a loglab line-classifier folder: ${LINE_CLASSIFIER_CARD} is missing`);
  const card = readJson<LineClassifierCard>(path, dir);
  if (card.format !== "loglab.line-classifier") throw new Error(`${path}: format is ${JSON.stringify(card.format)}, expected "loglab.line-classifier"`);
  if (card.version !== 1) throw new Error(`${path}: version ${JSON.stringify(card.version)} is not supported (this loglab reads version 1)`);
  if (!Array.isArray(card.classes) || card.classes.length < 2) throw new Error(`${path}: "classes" must list at least two class names`);
  return card;
}

/** Loads a line classifier saved by {@link saveLineClassifier} (any kind with a loader in {@link LINE_SCORER_LOADERS}). */
export async function loadLineClassifier(dir: string): Promise<ScoredLineClassifier> {
  const card = readLineClassifierCard(dir);
  const loader = LINE_SCORER_LOADERS[card.kind];
  if (!loader) throw new Error(`${dir}: no loader for line-classifier kind "${card.kind}" in this loglab (known: ${Object.keys(LINE_SCORER_LOADERS).join(", ")})`);
  const analyzerPath = join(dir, LINE_ANALYZER_FILE);
  const analyzer = LineAnalyzer.fromState(readJson<LineAnalyzerState>(analyzerPath, dir), analyzerPath);
  const scorer = await loader(dir, card);
  return new ScoredLineClassifier(card, analyzer, scorer);
}
