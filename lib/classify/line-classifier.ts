/**
 * The line classifier contract: raw log lines in, per line its detected log type, parsed
 * content, template, class and class probabilities out. The classic model (tf-idf of template
 * words + a classic classifier) and the BERT variants implement it, so `loglab classify`,
 * `loglab serve` and notebooks use any of them the same way.
 */

/** What the analyzer found in one raw line before any model looks at it. */
export interface AnalyzedLine {
  /** The raw line as given. */
  raw: string;
  /** The detected (or given) header format: a LogHub system name, `syslog-rfc3164`, …, `raw`. */
  logType: string;
  /** The message after the header (the whole line when no header format fits). */
  content: string;
  /** The template from the persisted Drain state (read-only match), parameters as `<*>`. */
  template: string;
  /** Content hash of the template (`templateId` of the miner), or empty when no cluster matched. */
  templateId: string;
  /** True when a Drain cluster of the saved state covers the line; false: the template is the masked content. */
  templateMatched: boolean;
}

/** One classified line. */
export interface LineClassification extends AnalyzedLine {
  /** Class index 0..K-1 (in the model's `classes` order; normal = 0). */
  classIndex: number;
  /** loglab's class name (`normal`, `security`, …). */
  className: string;
  /** Probability of the predicted class. */
  confidence: number;
  /** One probability per class, summing to 1. */
  probabilities: number[];
}

/** Options of {@link LineClassifier.classify}. */
export interface LineClassifyOptions {
  /**
   * Header format: `auto` (default) or a format name / LogHub-style format string given to every
   * line. With `auto`, see {@link LineTypeDetection}.
   */
  format?: string;
  /** How `auto` detects log types (default `batch-first`). */
  detection?: LineTypeDetection;
}

/**
 * How log types are detected with `format: "auto"`:
 * - `batch-first` (default): `detectFormat` on the first lines of the batch picks one format;
 *   when it fits all of them, every line it parses plausibly gets that type and every other line
 *   its own `detectFormat`; a mixed first sample sends every line to its own `detectFormat`;
 * - `every-line`: `detectFormat` on each line alone (about 140 µs per line here, against a few µs).
 */
export type LineTypeDetection = "batch-first" | "every-line";

/** The facts of a saved line classifier (its card, `loglab-classifier.json`). */
export interface LineClassifierCard {
  format: "loglab.line-classifier";
  version: 1;
  /** Which implementation loads it: `classic`, or a BERT kind registered by its module. */
  kind: string;
  /** A short model name (e.g. `logistic-regression`, `bert-dann`). */
  name: string;
  /** Class names in index order (loglab's names). */
  classes: string[];
  /** What the model reads (e.g. `tfidf-template-words`). */
  featureType: string;
  /** Parameters of the model (chosen on validation data). */
  params: Record<string, unknown>;
  seed: number;
  trainedAt: string;
  /** Where the training lines came from and how many there were. */
  training: { source: string; samples: number; validationSamples: number; testSamples: number; split: string; labels: string };
  /** Scores on held-out data: macro F1 and accuracy on validation (used for choices) and test (reported only). */
  metrics: { validation: { macroF1: number; accuracy: number }; test: { macroF1: number; accuracy: number } | null };
  /** How the parameters were chosen, in words. */
  selection?: string;
}

/** A model that classifies raw log lines. */
export interface LineClassifier {
  readonly card: LineClassifierCard;
  /** Classifies a batch of raw lines (one result per line, in order). */
  classify(lines: readonly string[], options?: LineClassifyOptions): Promise<LineClassification[]>;
  /** Frees tensors or other resources (a no-op for the classic model). */
  dispose(): void;
}

/**
 * The model half of a line classifier: class probabilities for analyzed lines. A BERT variant
 * plugs in by implementing this (it reads `content`, and `template` for the hybrid) and being
 * wrapped with the shared analyzer in a {@link ScoredLineClassifier}.
 */
export interface LineScorer {
  /** Number of classes. */
  readonly nClasses: number;
  /** One probability row per line. */
  probabilities(lines: readonly AnalyzedLine[]): Promise<Float64Array[]>;
  /** Writes the scorer's own files into `dir`. */
  save(dir: string): Promise<void>;
  dispose(): void;
}
