import { describe, expect, it } from "vitest";
import type { LineClassification } from "../../lib/classify/line-classifier.js";
import { analysisOf, predictBatchResponse, predictionSummary, predictResponse, sessionsBlock } from "../../lib/serve/api-responses.js";
import type { ServedClassifier } from "../../lib/serve/served-models.js";
import { CLASSIFIER_SLOTS } from "../../lib/serve/served-models.js";

const line = (raw: string, logType: string, classIndex: number, p: number[]): LineClassification => ({
  raw, logType, content: raw, template: raw, templateId: "t", templateMatched: true, classIndex, className: "x", confidence: p[classIndex]!, probabilities: p,
});
const results = [line("a", "HDFS", 0, [0.9, 0.1, 0, 0, 0, 0, 0]), line("b", "HDFS", 4, [0.1, 0, 0, 0.2, 0.7, 0, 0]), line("c".repeat(250), "BGL", 4, [0, 0, 0, 0.4, 0.6, 0, 0])];
const served = { slot: CLASSIFIER_SLOTS[0]!, dir: "", reason: null, classifier: { card: { name: "logistic-regression", classes: ["normal", "security", "system_failure", "performance", "network", "config", "hardware"] } } } as unknown as ServedClassifier;

describe("API response bodies", () => {
  it("summary: class and log-type counts under the API names, anomaly rate = share not normal", () => {
    expect(predictionSummary(results)).toEqual({ class_distribution: { normal: 1, network_anomaly: 2 }, log_type_distribution: { HDFS: 2, BGL: 1 }, anomaly_rate: 2 / 3 });
    expect(predictionSummary([]).anomaly_rate).toBe(0);
  });
  it("predict: one entry per line; templates and probabilities only when asked", () => {
    const b = predictResponse(served, results, { includeProbabilities: false, includeTemplates: true, ms: 1 }) as { logs: { template: string; prediction: object }[]; model_used: object };
    expect(b.logs[1]).toEqual({ raw: "b", log_type: "HDFS", parsed_content: "b", template: "b", prediction: { class_index: 4, class_name: "network_anomaly", confidence: null, probabilities: null } });
    expect(b.model_used).toMatchObject({ model_type: "ML", model_name: "logistic-regression", num_classes: 7, classification_type: "multi-class" });
  });
  it("predict-batch: top-k sorted by probability, long texts cut at 200 characters", () => {
    const b = predictBatchResponse(served, results, { topK: 2, ms: 1 }) as { results: { log_text: string; top_k_predictions: { class_name: string; probability: number }[]; is_anomaly: boolean }[] };
    expect(b.results[1]!.top_k_predictions).toEqual([{ class_index: 4, class_name: "network_anomaly", probability: 0.7 }, { class_index: 3, class_name: "performance_issue", probability: 0.2 }]);
    expect(b.results[2]!.log_text).toHaveLength(203);
    expect(b.results.map((r) => r.is_anomaly)).toEqual([false, true, true]);
  });
  it("analysis: counts and confidence statistics", () => {
    expect(analysisOf(results)).toMatchObject({ anomaly_count: 2, normal_count: 1, min_confidence: 0.6, max_confidence: 0.9 });
    expect((analysisOf(results) as { average_confidence: number }).average_confidence).toBeCloseTo(0.7333, 3);
  });
  it("sessions: one block per detector with its sessions", () => {
    const s = sessionsBlock([{ detector: "d", model: "pca", threshold: 1, flagged: 1, rejectedLines: 0, unassignedLines: 2, sessions: [{ id: "blk_1", lines: [0, 2], keys: [1, 2], score: 3, anomalous: true, outOfVocabulary: 0 }] }]);
    expect(s).toEqual([{ detector: "d", model: "pca", threshold: 1, session_count: 1, anomalous_sessions: 1, rejected_lines: 0, unassigned_lines: 2, sessions: [{ id: "blk_1", lines: [0, 2], keys: [1, 2], score: 3, is_anomaly: true, out_of_vocabulary: 0 }] }]);
  });
});
