import { apiClassName } from "../classify/api-class-names.js";
import type { LineClassification } from "../classify/line-classifier.js";
import type { SessionDetection } from "./session-detector.js";
import type { ServedClassifier } from "./served-models.js";

/** `model_used` of a response. */
export function modelUsed(c: ServedClassifier): Record<string, unknown> {
  const card = c.classifier!.card;
  return {
    model_type: c.slot.modelType === "ml" ? "ML" : "BERT",
    model_name: card.name,
    ...(c.slot.variant ? { bert_variant: c.slot.variant } : {}),
    num_classes: card.classes.length,
    classification_type: "multi-class",
    class_names: card.classes.map((_, i) => apiClassName(i)),
  };
}

/** Counts of values, in first-seen order. */
function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Share of lines whose class is not `normal` (index 0). */
function anomalyRate(results: readonly LineClassification[]): number {
  return results.length ? results.filter((r) => r.classIndex !== 0).length / results.length : 0;
}

/** The `summary` of `/api/predict`. */
export function predictionSummary(results: readonly LineClassification[]): Record<string, unknown> {
  return {
    class_distribution: countBy(results.map((r) => apiClassName(r.classIndex))),
    log_type_distribution: countBy(results.map((r) => r.logType)),
    anomaly_rate: anomalyRate(results),
  };
}

/** The body of `/api/predict`. */
export function predictResponse(c: ServedClassifier, results: readonly LineClassification[], o: { includeProbabilities: boolean; includeTemplates: boolean; ms: number }): Record<string, unknown> {
  return {
    status: "success",
    timestamp: new Date().toISOString(),
    total_logs: results.length,
    model_used: modelUsed(c),
    logs: results.map((r) => ({
      raw: r.raw,
      log_type: r.logType,
      parsed_content: r.content,
      template: o.includeTemplates ? r.template : null,
      prediction: {
        class_index: r.classIndex,
        class_name: apiClassName(r.classIndex),
        confidence: o.includeProbabilities ? r.confidence : null,
        probabilities: o.includeProbabilities ? r.probabilities : null,
      },
    })),
    summary: predictionSummary(results),
    processing_ms: o.ms,
  };
}

/** The body of `/api/predict-batch`: one result per item with its top-k classes. */
export function predictBatchResponse(c: ServedClassifier, results: readonly LineClassification[], o: { topK: number; ms: number }): Record<string, unknown> {
  return {
    status: "success",
    timestamp: new Date().toISOString(),
    total_logs: results.length,
    model_used: modelUsed(c),
    results: results.map((r, i) => ({
      log_index: i,
      log_text: r.raw.length > 200 ? `${r.raw.slice(0, 200)}...` : r.raw,
      log_type: r.logType,
      template: r.template,
      prediction: { class_index: r.classIndex, class_name: apiClassName(r.classIndex), confidence: r.confidence },
      top_k_predictions: r.probabilities
        .map((p, k) => ({ class_index: k, class_name: apiClassName(k), probability: p }))
        .sort((a, b) => b.probability - a.probability || a.class_index - b.class_index)
        .slice(0, o.topK),
      is_anomaly: r.classIndex !== 0,
    })),
    processing_ms: o.ms,
  };
}

/** The `analysis` block of `/api/analyze` for one model's results. */
export function analysisOf(results: readonly LineClassification[]): Record<string, unknown> {
  const conf = results.map((r) => r.confidence);
  const anomalies = results.filter((r) => r.classIndex !== 0).length;
  return {
    class_distribution: countBy(results.map((r) => apiClassName(r.classIndex))),
    log_type_distribution: countBy(results.map((r) => r.logType)),
    anomaly_count: anomalies,
    normal_count: results.length - anomalies,
    anomaly_rate: anomalyRate(results),
    average_confidence: conf.length ? conf.reduce((a, b) => a + b, 0) / conf.length : 0,
    min_confidence: conf.length ? Math.min(...conf) : 0,
    max_confidence: conf.length ? Math.max(...conf) : 0,
  };
}

/** The `sessions` block of `/api/analyze`: one entry per detector. */
export function sessionsBlock(detections: readonly SessionDetection[]): Record<string, unknown>[] {
  return detections.map((d) => ({
    detector: d.detector,
    model: d.model,
    threshold: d.threshold,
    session_count: d.sessions.length,
    anomalous_sessions: d.flagged,
    rejected_lines: d.rejectedLines,
    unassigned_lines: d.unassignedLines,
    sessions: d.sessions.map((s) => ({ id: s.id, lines: s.lines, keys: s.keys, score: s.score, is_anomaly: s.anomalous, out_of_vocabulary: s.outOfVocabulary })),
  }));
}
