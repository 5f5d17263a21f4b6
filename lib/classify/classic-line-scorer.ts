import { join } from "node:path";
import { readFileSync } from "node:fs";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { templateWords } from "../features/template-words.js";
import { CountTransform, type CountTransformJson } from "../features/tfidf.js";
import type { Classifier } from "../models/classic/classifier.js";
import { classicCoreFromJSON, type ClassicCoreJson } from "../models/classic/classic-core.js";
import { Rng } from "../runtime/rng.js";
import type { AnalyzedLine, LineScorer } from "./line-classifier.js";

/** File of a {@link ClassicLineScorer} in a model folder. */
export const CLASSIC_SCORER_FILE = "classic-model.json";

/** A saved {@link ClassicLineScorer}. */
export interface ClassicLineScorerJson {
  format: "loglab.classic-line-scorer";
  version: 1;
  /** Feature words in column order; one more column counts words outside them. */
  words: string[];
  transform: CountTransformJson;
  classifier: ClassicCoreJson;
}

/** Feature words of a template: {@link templateWords} (parameters dropped, identifiers split, lower case, no numbers). */
export function lineFeatureWords(template: string): string[] {
  return templateWords(template);
}

/** Counts of a template's feature words in columns `column` (0..nWords-1) plus a last column for the other words. */
export function wordCountRow(column: ReadonlyMap<string, number>, nWords: number, template: string): Float64Array {
  const row = new Float64Array(nWords + 1);
  for (const w of lineFeatureWords(template)) row[column.get(w) ?? nWords]! += 1;
  return row;
}

/**
 * The classic 7-class model on one line: counts of the template's words (a fixed vocabulary
 * learnt on training lines, plus an out-of-vocabulary column), tf-idf weighted as loglizer does,
 * into any classic classifier (logistic regression by default). The features depend on the
 * template only, so probabilities are cached per template (bounded; the output is a pure function
 * of the template, so the cache changes speed, not results).
 */
export class ClassicLineScorer implements LineScorer {
  private readonly column: Map<string, number>;
  private readonly cache = new Map<string, Float64Array>();

  constructor(
    readonly words: readonly string[],
    readonly transform: CountTransform,
    readonly classifier: Classifier,
    /** Templates whose probabilities are remembered (default 20,000; 0 disables). */
    readonly cacheSize = 20_000,
  ) {
    this.column = new Map(words.map((w, j) => [w, j]));
  }

  get nClasses(): number {
    return this.classifier.nClasses;
  }

  /** The feature row of a template: word counts (last column: words outside the vocabulary), before tf-idf. */
  counts(template: string): Float64Array {
    return wordCountRow(this.column, this.words.length, template);
  }

  /** Tf-idf rows of many templates (training and scoring share this). */
  features(templates: readonly string[]): Float64Array[] {
    return this.transform.transform(templates.map((t) => this.counts(t)));
  }

  async probabilities(lines: readonly AnalyzedLine[]): Promise<Float64Array[]> {
    return this.probabilitiesOf(lines.map((l) => l.template));
  }

  /** Class probabilities of templates (synchronous; the cache is filled here). */
  probabilitiesOf(templates: readonly string[]): Float64Array[] {
    const out: Float64Array[] = new Array(templates.length);
    const missing: number[] = [];
    templates.forEach((t, i) => {
      const hit = this.cache.get(t);
      if (hit) out[i] = hit;
      else missing.push(i);
    });
    if (missing.length > 0) {
      const distinct = [...new Set(missing.map((i) => templates[i]!))];
      const scores = this.classifier.decisionScores(this.features(distinct));
      const byTemplate = new Map(distinct.map((t, k) => [t, normalised(scores[k]!)]));
      for (const i of missing) out[i] = byTemplate.get(templates[i]!)!;
      if (this.cacheSize > 0) {
        for (const [t, p] of byTemplate) {
          if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
          this.cache.set(t, p);
        }
      }
    }
    // Copies: callers may keep or change the rows.
    return out.map((p) => Float64Array.from(p));
  }

  async save(dir: string): Promise<void> {
    writeJsonAtomic(join(dir, CLASSIC_SCORER_FILE), this.toJSON());
  }

  dispose(): void {
    this.cache.clear();
  }

  toJSON(): ClassicLineScorerJson {
    return { format: "loglab.classic-line-scorer", version: 1, words: [...this.words], transform: this.transform.toJSON(), classifier: { type: "classifier", model: this.classifier.toJSON() } };
  }

  static fromJSON(json: ClassicLineScorerJson, source = "classic line model"): ClassicLineScorer {
    if (!json || json.format !== "loglab.classic-line-scorer") throw new Error(`${source}: not a loglab classic line model (format ${JSON.stringify(json?.format)})`);
    if (json.version !== 1) throw new Error(`${source}: version ${JSON.stringify(json.version)} is not supported (this loglab reads version 1)`);
    let core;
    try {
      core = classicCoreFromJSON(json.classifier, new Rng(0));
    } catch (err) {
      throw new Error(`${source}: ${(err as Error).message}`);
    }
    if (core.type !== "classifier") throw new Error(`${source}: ${json.classifier.model.kind} is not a classifier`);
    return new ClassicLineScorer(json.words, CountTransform.fromJSON(json.transform), core.model);
  }

  /** Reads `classic-model.json` from a model folder. */
  static load(dir: string): ClassicLineScorer {
    const path = join(dir, CLASSIC_SCORER_FILE);
    let json: ClassicLineScorerJson;
    try {
      json = JSON.parse(readFileSync(path, "utf8")) as ClassicLineScorerJson;
    } catch (err) {
      throw new Error(`${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : `not valid JSON (${(err as Error).message})`}`);
    }
    return ClassicLineScorer.fromJSON(json, path);
  }
}

/** Scores as probabilities: rows that already sum to 1 (LR, forests, GBDT) are kept; others (SVM margins) go through a softmax. */
function normalised(s: Float64Array): Float64Array {
  let sum = 0;
  let min = Infinity;
  for (const v of s) {
    sum += v;
    min = Math.min(min, v);
  }
  if (min >= 0 && Math.abs(sum - 1) < 1e-6) return s;
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  const e = s.map((v) => Math.exp(v - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}
