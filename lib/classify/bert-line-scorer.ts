import type { BertLineClassifier } from "../models/bert/bert-line-classifier.js";
import type { AnalyzedLine, LineScorer } from "./line-classifier.js";

/**
 * The model half of a BERT line classifier (`bert-dann`, `bert-lora`, `bert-hybrid`): it reads
 * each analyzed line's message (`content`; the hybrid computes its template features from it)
 * and gives the class probabilities. Wrapped with the shared {@link LineAnalyzer} in a
 * `ScoredLineClassifier`, so `loglab classify`, `loglab serve` and notebooks use it as they use
 * the classic model. Its folder kind is `bert` (see `LINE_SCORER_LOADERS`).
 */
export class BertLineScorer implements LineScorer {
  constructor(readonly model: BertLineClassifier) {}

  get nClasses(): number {
    return this.model.classes.length;
  }

  async probabilities(lines: readonly AnalyzedLine[]): Promise<Float64Array[]> {
    const K = this.nClasses;
    const p = this.model.predictProba(lines.map((l) => l.content), 100);
    return lines.map((_, i) => Float64Array.from(p.subarray(i * K, (i + 1) * K)));
  }

  async save(dir: string): Promise<void> {
    await this.model.save(dir);
  }

  dispose(): void {
    this.model.dispose();
  }
}
