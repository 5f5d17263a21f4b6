import { describe, expect, it } from "vitest";
import { LineAnalyzer } from "../../lib/classify/line-analyzer.js";
import type { AnalyzedLine, LineClassifierCard, LineScorer } from "../../lib/classify/line-classifier.js";
import { ScoredLineClassifier } from "../../lib/classify/scored-line-classifier.js";

// A stand-in scorer: what a BERT variant implements to plug in.
class FixedScorer implements LineScorer {
  readonly nClasses = 3;
  seen: AnalyzedLine[] = [];
  async probabilities(lines: readonly AnalyzedLine[]): Promise<Float64Array[]> {
    this.seen.push(...lines);
    return lines.map((l) => (l.content.includes("fail") ? Float64Array.of(0.1, 0.7, 0.2) : Float64Array.of(0.8, 0.1, 0.1)));
  }
  async save(): Promise<void> {}
  dispose(): void {}
}

const card = (classes: string[]): LineClassifierCard => ({
  format: "loglab.line-classifier", version: 1, kind: "test", name: "fixed", classes, featureType: "content", params: {}, seed: 0, trainedAt: "", selection: "",
  training: { source: "", samples: 0, validationSamples: 0, testSamples: 0, split: "", labels: "" },
  metrics: { validation: { macroF1: 0, accuracy: 0 }, test: null },
});

describe("ScoredLineClassifier", () => {
  it("joins the analyzer's fields with the scorer's probabilities: argmax class, its confidence, all probabilities", async () => {
    const scorer = new FixedScorer();
    const c = new ScoredLineClassifier(card(["normal", "security", "network"]), new LineAnalyzer(new Map(), null), scorer);
    const r = await c.classify(["login fail for bob", "all good"], { format: "raw" });
    expect(r.map((x) => [x.logType, x.content, x.className, x.classIndex, x.confidence])).toEqual([
      ["raw", "login fail for bob", "security", 1, 0.7],
      ["raw", "all good", "normal", 0, 0.8],
    ]);
    expect(r[0]!.probabilities).toEqual([0.1, 0.7, 0.2]);
    expect(scorer.seen.map((l) => l.template)).toEqual(["login fail for bob", "all good"]);
  });
  it("refuses a scorer whose class count differs from the card", () => {
    expect(() => new ScoredLineClassifier(card(["a", "b"]), new LineAnalyzer(new Map(), null), new FixedScorer())).toThrow(/3 classes, its card lists 2/);
  });
});
