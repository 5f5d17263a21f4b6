import { resolve } from "node:path";
import { modelsPath } from "../runtime/project.js";
import { buildServer } from "../serve/server.js";
import { loadServedModels } from "../serve/served-models.js";
import { DEFAULT_SERVE_LIMITS, resolveServeLimits } from "../serve/serve-options.js";
import { CliError, flagValue, parseArgs } from "./cli-error.js";

export const usage = `usage: loglab serve [--models DIR] [--host 127.0.0.1] [--port 8080] [--cors ORIGIN,...]
                    [--max-lines N] [--max-body BYTES] [--max-line-chars N] [--request-ms MS] [--receive-ms MS]
                    [--no-train] [--quiet]

Serves the 7-class log line classifier as a REST API and a web page (open http://HOST:PORT/):
  GET  /health             status and which models are loaded
  GET  /model-info         each model: loaded, name, feature type, classes, training samples, F1
  GET  /available-models   the models a request may pick, the session detectors and the limits
  POST /api/predict        {"logs": [...], "model_type": "ml"|"bert", "bert_variant": "dann"|"lora"|"hybrid",
                           "include_probabilities": true, "include_templates": false}
  POST /api/predict-batch  {"logs": [...], "return_top_k": 3}: one result per item with its top-k classes
  POST /api/analyze        {"logs": [...], "compare_models": false, "detectors": [...]}: class summary
                           and the sessions of the posted lines scored by the session detectors

Models (under --models, default models/ or $LOGLAB_MODELS_DIR):
  classifier-ml/           the classic model; trained on the shipped LogHub 2k data on the first
                           start (seconds) unless --no-train
  classifier-bert-dann/, classifier-bert-lora/, classifier-bert-hybrid/
                           BERT variants, served when present (reported as not loaded otherwise)
  detectors/NAME/          session detectors for /api/analyze: model/ (loglab train --out),
                           keys.csv and drain-state.json (loglab sessions --state), serve-detector.json

Safety: binds ${"127.0.0.1"} unless --host says otherwise; every body is checked against a JSON schema;
at most --max-lines lines per request (default ${DEFAULT_SERVE_LIMITS.maxLines}), --max-body bytes (default ${DEFAULT_SERVE_LIMITS.bodyBytes}),
--max-line-chars per line (default ${DEFAULT_SERVE_LIMITS.maxLineChars}), --request-ms of work per request (default ${DEFAULT_SERVE_LIMITS.requestMs})
and --receive-ms to receive a whole request (default ${DEFAULT_SERVE_LIMITS.receiveMs});
errors are JSON {"status", "error"} with a 4xx; CORS is off unless --cors lists origins.`;

function intFlag(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`--${flag} must be a positive integer, got "${v}"`, 2);
  return n;
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { values: ["models", "host", "port", "cors", "max-lines", "max-body", "max-line-chars", "request-ms", "receive-ms"], booleans: ["no-train", "quiet"] });
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"\n${usage}`, 2);
  const modelsDir = resolve(flagValue(args, "models") ?? modelsPath());
  const host = flagValue(args, "host", "127.0.0.1")!;
  const portText = flagValue(args, "port", "8080")!;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0..65535, got "${portText}"`, 2);
  const corsOrigins = (flagValue(args, "cors") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const o of corsOrigins) if (!/^https?:\/\/[^/\s]+$/.test(o)) throw new CliError(`--cors: "${o}" is not an origin (scheme://host[:port], no path)`, 2);
  let limits;
  try {
    limits = resolveServeLimits({
      ...(args.flags.has("max-lines") ? { maxLines: intFlag(flagValue(args, "max-lines"), "max-lines") } : {}),
      ...(args.flags.has("max-body") ? { bodyBytes: intFlag(flagValue(args, "max-body"), "max-body") } : {}),
      ...(args.flags.has("max-line-chars") ? { maxLineChars: intFlag(flagValue(args, "max-line-chars"), "max-line-chars") } : {}),
      ...(args.flags.has("request-ms") ? { requestMs: intFlag(flagValue(args, "request-ms"), "request-ms") } : {}),
      ...(args.flags.has("receive-ms") ? { receiveMs: intFlag(flagValue(args, "receive-ms"), "receive-ms") } : {}),
    });
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  const quiet = args.flags.has("quiet");
  const say = (m: string): void => void process.stderr.write(`${m}\n`);
  const models = await loadServedModels(modelsDir, { trainIfMissing: !args.flags.has("no-train"), onMessage: say });
  const app = await buildServer(models, { limits, corsOrigins, ...(quiet ? {} : { log: say }) });
  let address: string;
  try {
    address = await app.listen({ host, port });
  } catch (err) {
    models.dispose();
    throw new CliError(`cannot listen on ${host}:${port}: ${(err as Error).message}`, 1);
  }
  const loaded = models.classifiers.filter((c) => c.classifier).map((c) => c.slot.key);
  const notLoaded = models.classifiers.filter((c) => !c.classifier).map((c) => c.slot.key);
  say(`loglab serve: listening on ${address} (models ${modelsDir}; loaded: ${loaded.join(", ") || "none"}; not loaded: ${notLoaded.join(", ") || "none"}; session detectors: ${models.detectors.filter((d) => d.detector).map((d) => d.name).join(", ") || "none"})`);
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") say(`warning: --host ${host} makes the server reachable from other machines; it has no authentication`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      say("loglab serve: stopping");
      void app.close().then(() => done());
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  models.dispose();
  return 0;
}
