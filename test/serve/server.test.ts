import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LineClassifier } from "../../lib/classify/line-classifier.js";
import { buildServer } from "../../lib/serve/server.js";
import { CLASSIFIER_SLOTS, loadServedModels, ServedModels } from "../../lib/serve/served-models.js";
import { resolveServeLimits, type ServeLimits } from "../../lib/serve/serve-options.js";
import { loghubLines } from "../classify/classify-fixtures.js";
import { servedModelsDir } from "./serve-fixtures.js";

const SSH = "Dec 10 09:32:20 LabSZ sshd[24680]: Failed password for invalid user admin from 5.36.59.76 port 42393 ssh2";

let modelsDir: string;
let models: ServedModels;
const apps: FastifyInstance[] = [];

async function server(limits: Partial<ServeLimits> = {}, corsOrigins: string[] = [], m: ServedModels = models): Promise<FastifyInstance> {
  const app = await buildServer(m, { limits: resolveServeLimits(limits), corsOrigins });
  apps.push(app);
  return app;
}

const post = (app: FastifyInstance, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: "POST", url, payload: typeof payload === "string" ? payload : JSON.stringify(payload), headers: { "content-type": "application/json", ...headers } });

beforeAll(async () => {
  modelsDir = await servedModelsDir({ detector: true });
  models = await loadServedModels(modelsDir, { trainIfMissing: false });
});
afterAll(async () => {
  for (const a of apps) await a.close();
  models.dispose();
});

describe("the REST API's shapes", () => {
  it("/health lists each model as loaded or not (BERT folders missing or of an unknown kind: not loaded)", async () => {
    const r = await (await server()).inject("/health");
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(b.status).toBe("healthy");
    expect(b.models_loaded).toEqual({ ml: true, dann_bert: false, lora_bert: false, hybrid_bert: false });
    expect(b.detectors_loaded).toEqual({ broken: false, "hdfs-pca": true });
  });
  it("/model-info gives per model: loaded, name, feature type, classes, training samples, F1; and why a model is not loaded", async () => {
    const b = (await (await server()).inject("/model-info")).json();
    expect(b.ml_model).toMatchObject({ loaded: true, model_name: "logistic-regression", feature_type: "tfidf-template-words", num_classes: 7 });
    expect(b.ml_model.training_samples).toBeGreaterThan(0);
    expect(b.ml_model.best_f1_score).toBeGreaterThan(0);
    expect(b.bert_models.dann).toEqual({ loaded: false, reason: expect.stringMatching(/no model folder .*classifier-bert-dann/) });
    expect(b.bert_models.lora.reason).toMatch(/no loader for line-classifier kind "bert"/);
    expect(b.session_detectors["hdfs-pca"]).toMatchObject({ loaded: true, model: "pca", log_format: "HDFS" });
    expect(b.session_detectors.broken.loaded).toBe(false);
  });
  it("/available-models lists the pickable models and the limits", async () => {
    const b = (await (await server({ maxLines: 7 })).inject("/available-models")).json();
    expect(b.models.map((m: { key: string }) => m.key)).toEqual(CLASSIFIER_SLOTS.map((s) => s.key));
    expect(b.models[0]).toMatchObject({ key: "ml", loaded: true, model_type: "ml" });
    expect(b.limits.max_lines).toBe(7);
  });
  it("/api/predict returns the mirrored service's body: per line raw, log_type, parsed_content, template, prediction; summary", async () => {
    const hdfs = loghubLines("HDFS", 1)[0]!;
    const r = await post(await server(), "/api/predict", { logs: [SSH, hdfs], model_type: "ml", include_probabilities: true, include_templates: true });
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(Object.keys(b)).toEqual(["status", "timestamp", "total_logs", "model_used", "logs", "summary", "processing_ms"]);
    expect(b).toMatchObject({ status: "success", total_logs: 2, model_used: { model_type: "ML", model_name: "logistic-regression", num_classes: 7, classification_type: "multi-class" } });
    expect(Number.isNaN(Date.parse(b.timestamp))).toBe(false);
    const [ssh, hd] = b.logs;
    // A mixed batch: each line is detected alone.
    expect(ssh).toMatchObject({ raw: SSH, log_type: "OpenSSH", parsed_content: "Failed password for invalid user admin from 5.36.59.76 port 42393 ssh2", prediction: { class_index: 1, class_name: "security_anomaly" } });
    expect(ssh.template).toMatch(/^Failed password for invalid user <\*> from <\*> port <\*> ssh2$/);
    expect(ssh.prediction.probabilities).toHaveLength(7);
    expect(ssh.prediction.confidence).toBe(Math.max(...ssh.prediction.probabilities));
    expect(hd).toMatchObject({ log_type: "HDFS", prediction: { class_index: 0, class_name: "normal" } });
    expect(b.summary).toEqual({ class_distribution: { security_anomaly: 1, normal: 1 }, log_type_distribution: { OpenSSH: 1, HDFS: 1 }, anomaly_rate: 0.5 });
  });
  it("/api/predict leaves out templates and probabilities when asked (as the mirrored service: null)", async () => {
    const b = (await post(await server(), "/api/predict", { logs: [SSH], include_probabilities: false })).json();
    expect(b.logs[0].template).toBeNull();
    expect(b.logs[0].prediction).toMatchObject({ class_name: "security_anomaly", confidence: null, probabilities: null });
  });
  it("/api/predict-batch gives one result per item with its top-k classes", async () => {
    const logs = [SSH, ...loghubLines("Apache", 4)];
    const b = (await post(await server(), "/api/predict-batch", { logs, return_top_k: 2 })).json();
    expect(b.results).toHaveLength(5);
    b.results.forEach((r: { log_index: number; top_k_predictions: { probability: number; class_name: string }[]; prediction: { class_name: string }; is_anomaly: boolean }, i: number) => {
      expect(r.log_index).toBe(i);
      expect(r.top_k_predictions).toHaveLength(2);
      expect(r.top_k_predictions[0]!.class_name).toBe(r.prediction.class_name);
      expect(r.top_k_predictions[0]!.probability).toBeGreaterThanOrEqual(r.top_k_predictions[1]!.probability);
      expect(r.is_anomaly).toBe(r.prediction.class_name !== "normal");
    });
  });
  it("/api/analyze summarises the classes and scores the sessions of the posted lines with each session detector", async () => {
    const lines = loghubLines("HDFS", 80);
    const b = (await post(await server(), "/api/analyze", { logs: lines })).json();
    expect(b.analysis).toMatchObject({ anomaly_count: expect.any(Number), normal_count: expect.any(Number) });
    expect(b.analysis.anomaly_count + b.analysis.normal_count).toBe(80);
    expect(b.sessions).toHaveLength(1);
    const d = b.sessions[0];
    expect(d).toMatchObject({ detector: "hdfs-pca", model: "pca", rejected_lines: 0 });
    const ids = new Set(lines.flatMap((l) => l.match(/blk_-?\d+/g) ?? []));
    expect(d.session_count).toBe(ids.size);
    for (const s of d.sessions) {
      expect(s.is_anomaly).toBe(s.score > d.threshold);
      for (const i of s.lines) expect(lines[i]).toContain(s.id);
    }
    const cmp = (await post(await server(), "/api/analyze", { logs: lines.slice(0, 5), compare_models: true, detectors: [] })).json();
    expect(cmp.models_compared).toBe(1);
    expect(cmp.sessions).toEqual([]);
  });
  it("serves the page, its script, style and the local Plotly bundle", async () => {
    const app = await server();
    const page = await app.inject("/");
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toContain('<script src="/plotly.min.js">');
    expect((await app.inject("/app.js")).statusCode).toBe(200);
    expect((await app.inject("/style.css")).statusCode).toBe(200);
    const plotly = await app.inject("/plotly.min.js");
    expect(plotly.statusCode).toBe(200);
    expect(plotly.body.length).toBeGreaterThan(1_000_000);
  });
});

describe("safe by default", () => {
  const noStack = (body: string): void => {
    expect(body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  };
  it("limits lines per request (default 100, configurable) with a 400 that says so", async () => {
    const def = await server();
    const ok = await post(def, "/api/predict", { logs: Array(100).fill(SSH) });
    expect(ok.statusCode).toBe(200);
    const r = await post(def, "/api/predict", { logs: Array(101).fill(SSH) });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ status: "invalid_request", error: "invalid request: body/logs must NOT have more than 100 items" });
    const five = await post(await server({ maxLines: 5 }), "/api/predict-batch", { logs: Array(6).fill(SSH) });
    expect(five.statusCode).toBe(400);
    expect(five.json().error).toMatch(/more than 5 items/);
  });
  it("limits the body size and the line length (configurable) with a JSON 413 / 400", async () => {
    const r = await post(await server({ bodyBytes: 2000 }), "/api/predict", { logs: [SSH.repeat(30)] });
    expect(r.statusCode).toBe(413);
    expect(r.json().status).toBe("payload_too_large");
    const long = await post(await server({ maxLineChars: 50 }), "/api/predict", { logs: [SSH] });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatch(/must NOT have more than 50 characters/);
  });
  it("limits the work per request (configurable) with a JSON 503", async () => {
    const app = await server({ requestMs: 1, maxLines: 1000 });
    const r = await post(app, "/api/predict", { logs: loghubLines("Linux", 400), detection: "every-line" });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ status: "timeout", error: expect.stringMatching(/longer than its time limit/) });
  });
  it("answers malformed requests with a 4xx JSON error that says what is wrong, never a stack trace", async () => {
    const app = await server();
    const cases: [string, unknown, Record<string, string>?][] = [
      ["{not json", "{not json"],
      ["logs missing", { model_type: "ml" }],
      ["logs not strings", { logs: [1, 2] }],
      ["logs empty", { logs: [] }],
      ["unknown field", { logs: ["x"], colour: "red" }],
      ["wrong enum", { logs: ["x"], model_type: "gpt" }],
      ["format not a built-in name", { logs: ["x"], format: "<Date> (a+)+$ <Content>" }],
      ["wrong type", { logs: ["x"], include_templates: "yes" }],
      ["not json content type", "logs=x", { "content-type": "text/plain" }],
    ];
    for (const [what, body, headers] of cases) {
      const r = await post(app, "/api/predict", body, headers);
      expect(r.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, what).toBeLessThan(500);
      const b = r.json();
      expect(typeof b.error, what).toBe("string");
      expect(typeof b.status, what).toBe("string");
      noStack(r.body);
    }
    expect((await post(app, "/api/predict", { logs: [1] })).json().error).toMatch(/body\/logs\/0 must be string/);
    expect((await post(app, "/api/predict", { logs: ["x"], colour: "red" })).json().error).toMatch(/must NOT have additional properties/);
    const nf = await app.inject("/api/nothing");
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toEqual({ status: "not_found", error: "no route GET /api/nothing" });
    const bert = await post(app, "/api/predict", { logs: ["x"], model_type: "bert", bert_variant: "dann" });
    expect(bert.statusCode).toBe(404);
    expect(bert.json()).toMatchObject({ status: "model_not_available", error: expect.stringMatching(/DANN-BERT is not loaded/) });
  });
  it("answers an internal failure with a 500 JSON error that hides the stack and the message", async () => {
    const failing: LineClassifier = { card: models.classifiers[0]!.classifier!.card, dispose: () => undefined, classify: async () => { throw new Error("boom in /secret/path/model.ts:12"); } };
    const logged: string[] = [];
    const m = new ServedModels(modelsDir, [{ ...models.classifiers[0]!, classifier: failing }], []);
    const app = await buildServer(m, { limits: resolveServeLimits(), corsOrigins: [], log: (l) => logged.push(l) });
    apps.push(app);
    const r = await post(app, "/api/predict", { logs: ["x"] });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ status: "internal_error", error: "internal error (see the server's log)" });
    expect(r.body).not.toContain("secret");
    expect(logged.join("\n")).toContain("boom in /secret/path");
  });
  it("never lets a model name reach outside the models folder", async () => {
    const app = await server();
    for (const body of [{ logs: ["x"], model_type: "bert", bert_variant: "../../etc" }, { logs: ["x"], detectors: ["../hdfs-pca"] }, { logs: ["x"], detectors: ["/etc/passwd"] }]) {
      const r = await post(app, body.detectors ? "/api/analyze" : "/api/predict", body);
      expect(r.statusCode).toBe(400);
    }
    const dots = await post(app, "/api/analyze", { logs: ["x"], detectors: ["a..b"] });
    expect(dots.statusCode).toBe(400);
    expect(dots.json().error).toMatch(/not a model name/);
    const unknown = await post(app, "/api/analyze", { logs: ["x"], detectors: ["nope"] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatch(/no session detector "nope" \(loaded: hdfs-pca\)/);
  });
  it("sends no CORS headers unless origins are listed, and then only for those", async () => {
    const off = await server();
    const r = await off.inject({ method: "GET", url: "/health", headers: { origin: "http://evil.example" } });
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
    const pre = await off.inject({ method: "OPTIONS", url: "/api/predict", headers: { origin: "http://evil.example", "access-control-request-method": "POST" } });
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
    const on = await server({}, ["http://tool.example"]);
    const ok = await on.inject({ method: "GET", url: "/health", headers: { origin: "http://tool.example" } });
    expect(ok.headers["access-control-allow-origin"]).toBe("http://tool.example");
    const other = await on.inject({ method: "GET", url: "/health", headers: { origin: "http://evil.example" } });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });
  it("keeps answering after bad requests", async () => {
    const app = await server({ maxLines: 3, bodyBytes: 4000 });
    for (let i = 0; i < 20; i++) {
      await post(app, "/api/predict", "{oops");
      await post(app, "/api/predict", { logs: Array(4).fill("x") });
      await post(app, "/api/predict", { logs: ["y".repeat(5000)] });
    }
    expect((await app.inject("/health")).statusCode).toBe(200);
    const r = await post(app, "/api/predict", { logs: [SSH] });
    expect(r.statusCode).toBe(200);
    expect(r.json().logs[0].prediction.class_name).toBe("security_anomaly");
  });
});
