import type { LineAnalyzer } from "./line-analyzer.js";
import type { LineClassification, LineClassifier, LineClassifierCard, LineClassifyOptions, LineScorer } from "./line-classifier.js";

/**
 * A {@link LineClassifier} made of the shared {@link LineAnalyzer} (log type, content, Drain
 * template) and a model-specific {@link LineScorer} (class probabilities). The classic model and
 * the BERT variants differ only in their scorer.
 */
export class ScoredLineClassifier implements LineClassifier {
  constructor(
    readonly card: LineClassifierCard,
    readonly analyzer: LineAnalyzer,
    readonly scorer: LineScorer,
  ) {
    if (scorer.nClasses !== card.classes.length) throw new Error(`line classifier ${card.name}: the model has ${scorer.nClasses} classes, its card lists ${card.classes.length}`);
  }

  async classify(lines: readonly string[], options: LineClassifyOptions = {}): Promise<LineClassification[]> {
    const analyzed = this.analyzer.analyze(lines, options);
    const probs = await this.scorer.probabilities(analyzed);
    return analyzed.map((a, i) => {
      const p = probs[i]!;
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
      return { ...a, classIndex: best, className: this.card.classes[best] ?? `class_${best}`, confidence: p[best]!, probabilities: Array.from(p) };
    });
  }

  dispose(): void {
    this.scorer.dispose();
  }
}
