import cors from "@fastify/cors";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { apiClassName } from "../classify/api-class-names.js";
import type { LineClassification, LineClassifier, LineClassifyOptions } from "../classify/line-classifier.js";
import { ApiError } from "./api-error.js";
import { analysisOf, modelUsed, predictBatchResponse, predictResponse, sessionsBlock } from "./api-responses.js";
import { requestSchemas } from "./api-schemas.js";
import type { ServeOptions } from "./serve-options.js";
import type { ServedModels } from "./served-models.js";
import { loadWebAssets, type WebAsset } from "./web-assets.js";

/** Lines classified between two checks of the request's time budget. */
const CHUNK = 50;

interface PredictBody {
  logs: string[];
  model_type?: "ml" | "bert";
  bert_variant?: "dann" | "lora" | "hybrid";
  format?: string;
  detection?: "batch-first" | "every-line";
  include_probabilities?: boolean;
  include_templates?: boolean;
  return_top_k?: number;
  compare_models?: boolean;
  detectors?: string[];
}

/** Classifies in chunks, giving other requests a turn between chunks and stopping with a 503 past the deadline. */
async function classifyWithin(c: LineClassifier, lines: readonly string[], options: LineClassifyOptions, deadline: number): Promise<LineClassification[]> {
  if (lines.length <= CHUNK) return c.classify(lines, options);
  const out: LineClassification[] = [];
  for (let i = 0; i < lines.length; i += CHUNK) {
    if (performance.now() > deadline) throw new ApiError(503, "timeout", `the request took longer than its time limit (${lines.length} lines; stopped after ${i})`);
    // A batch is detected as one: the first chunk decides, as it would for a 50-line request.
    out.push(...(await c.classify(lines.slice(i, i + CHUNK), options)));
    await new Promise((r) => setImmediate(r));
  }
  return out;
}

function classifyOptions(body: PredictBody): LineClassifyOptions {
  return { ...(body.format ? { format: body.format } : {}), ...(body.detection ? { detection: body.detection } : {}) };
}

/** The status word and message of a Fastify error (body parsing, validation, limits). */
function describeFastifyError(err: FastifyError): { status: number; code: string; message: string } {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
  if (err.validation) return { status: 400, code: "invalid_request", message: `invalid request: ${err.message}` };
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, code: "payload_too_large", message: err.message };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, code: "unsupported_media_type", message: `${err.message} (send Content-Type: application/json)` };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, code: "invalid_json", message: err.message };
    default:
      return status < 500 ? { status, code: "bad_request", message: err.message } : { status: 500, code: "internal_error", message: "internal error (see the server's log)" };
  }
}

/**
 * The HTTP server of `loglab serve` (Fastify): the mirrored REST API over the served models, and
 * the web page. Not started here: call `listen` (or `inject` in tests). Every request body is
 * checked against a JSON schema; every error is a JSON body `{ status, error }` with a 4xx
 * (or 503 past the time limit), and a 500 never carries a stack trace (it goes to `log`).
 */
export async function buildServer(models: ServedModels, options: ServeOptions): Promise<FastifyInstance> {
  const { limits } = options;
  const log = options.log ?? ((): void => undefined);
  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.receiveMs,
    return503OnClosing: true,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
  });
  if (options.corsOrigins.length > 0) await app.register(cors, { origin: [...options.corsOrigins], methods: ["GET", "POST"] });
  const assets: Map<string, WebAsset> = loadWebAssets();
  const schemas = requestSchemas(limits);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.statusCode).send({ status: err.code, error: err.message });
    const d = describeFastifyError(err);
    if (d.status >= 500) log(`${req.method} ${req.url}: ${err.stack ?? err.message}`);
    return reply.code(d.status).send({ status: d.code, error: d.message });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ status: "not_found", error: `no route ${req.method} ${req.url.split("?")[0]}` }));
  app.addHook("onSend", async (_req, reply, payload) => {
    reply.header("X-Content-Type-Options", "nosniff");
    return payload;
  });
  app.addHook("onResponse", async (req, reply) => {
    log(`${req.method} ${req.url.split("?")[0]} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`);
  });

  for (const [url, a] of assets) {
    app.get(url, async (_req, reply) => {
      reply.header("Cache-Control", "no-cache");
      if (url === "/") reply.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'");
      return reply.type(a.contentType).send(a.body);
    });
  }

  // Browsers ask for it; the page has none.
  app.get("/favicon.ico", async (_req, reply) => reply.code(204).send());

  app.get("/health", async () => ({
    status: "healthy",
    timestamp: new Date().toISOString(),
    models_loaded: Object.fromEntries(models.classifiers.map((c) => [c.slot.healthKey, c.classifier !== null])),
    detectors_loaded: Object.fromEntries(models.detectors.map((d) => [d.name, d.detector !== null])),
  }));

  const info = (c: ServedModels["classifiers"][number]): Record<string, unknown> => {
    const card = c.classifier?.card;
    return card
      ? {
          loaded: true,
          model_name: card.name,
          feature_type: card.featureType,
          num_classes: card.classes.length,
          class_names: card.classes.map((_, i) => apiClassName(i)),
          training_samples: card.training.samples,
          best_f1_score: card.metrics.validation.macroF1,
          test_f1_score: card.metrics.test?.macroF1 ?? null,
          f1_note: "macro F1 on held-out LogHub templates: best_f1_score on validation (used to choose parameters), test_f1_score on test (never used for choices)",
          trained_at: card.trainedAt,
        }
      : { loaded: false, reason: c.reason };
  };
  app.get("/model-info", async () => ({
    ml_model: info(models.classifiers.find((c) => c.slot.key === "ml")!),
    bert_models: Object.fromEntries(models.classifiers.filter((c) => c.slot.modelType === "bert").map((c) => [c.slot.variant, info(c)])),
    session_detectors: Object.fromEntries(models.detectors.map((d) => [d.name, d.detector ? { loaded: true, model: d.detector.card.name, threshold: d.detector.card.threshold, session: d.detector.config.session, log_format: d.detector.config.logFormat } : { loaded: false, reason: d.reason }])),
  }));
  app.get("/available-models", async () => ({
    status: "success",
    default: "ml",
    models: models.classifiers.map((c) => ({ key: c.slot.key, model_type: c.slot.modelType, bert_variant: c.slot.variant, label: c.slot.label, loaded: c.classifier !== null, ...(c.classifier ? { model_name: c.classifier.card.name } : { reason: c.reason }) })),
    detectors: models.detectors.map((d) => ({ name: d.name, loaded: d.detector !== null, ...(d.detector ? { model: d.detector.card.name } : { reason: d.reason }) })),
    limits: { max_lines: limits.maxLines, max_body_bytes: limits.bodyBytes, max_line_chars: limits.maxLineChars, request_ms: limits.requestMs },
  }));

  app.post<{ Body: PredictBody }>("/api/predict", { schema: { body: schemas.predict } }, async (req) => {
    const t0 = performance.now();
    const c = models.pick(req.body.model_type, req.body.bert_variant);
    const results = await classifyWithin(c.classifier!, req.body.logs, classifyOptions(req.body), t0 + limits.requestMs);
    return predictResponse(c, results, { includeProbabilities: req.body.include_probabilities ?? true, includeTemplates: req.body.include_templates ?? false, ms: performance.now() - t0 });
  });

  app.post<{ Body: PredictBody }>("/api/predict-batch", { schema: { body: schemas.predictBatch } }, async (req) => {
    const t0 = performance.now();
    const c = models.pick(req.body.model_type, req.body.bert_variant);
    const results = await classifyWithin(c.classifier!, req.body.logs, classifyOptions(req.body), t0 + limits.requestMs);
    return predictBatchResponse(c, results, { topK: Math.min(req.body.return_top_k ?? 3, c.classifier!.card.classes.length), ms: performance.now() - t0 });
  });

  app.post<{ Body: PredictBody }>("/api/analyze", { schema: { body: schemas.analyze } }, async (req) => {
    const t0 = performance.now();
    const deadline = t0 + limits.requestMs;
    const b = req.body;
    const detectorNames = b.detectors ?? models.detectors.filter((d) => d.detector).map((d) => d.name);
    const detectors = detectorNames.map((n) => models.detector(n));
    const base = { status: "success", timestamp: new Date().toISOString(), total_logs: b.logs.length };
    const sessions = async (): Promise<Record<string, unknown>[]> => {
      const out = [];
      for (const d of detectors) {
        if (performance.now() > deadline) throw new ApiError(503, "timeout", "the request took longer than its time limit");
        out.push(await d.detect(b.logs));
      }
      return sessionsBlock(out);
    };
    if (b.compare_models) {
      const loaded = models.classifiers.filter((c) => c.classifier);
      const comparison = [];
      for (const c of loaded) {
        const results = await classifyWithin(c.classifier!, b.logs, classifyOptions(b), deadline);
        const a = analysisOf(results);
        comparison.push({ model: modelUsed(c), anomaly_count: a.anomaly_count, anomaly_rate: a.anomaly_rate, class_distribution: a.class_distribution, average_confidence: a.average_confidence });
      }
      return { ...base, models_compared: comparison.length, comparison, sessions: await sessions(), processing_ms: performance.now() - t0 };
    }
    const c = models.pick(b.model_type, b.bert_variant);
    const results = await classifyWithin(c.classifier!, b.logs, classifyOptions(b), deadline);
    return { ...base, model_used: modelUsed(c), analysis: analysisOf(results), sessions: await sessions(), processing_ms: performance.now() - t0 };
  });

  return app;
}
