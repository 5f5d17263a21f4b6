import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { requestSchemas } from "../../lib/serve/api-schemas.js";
import { resolveServeLimits } from "../../lib/serve/serve-options.js";

// The schemas checked by the same validator the server uses (Fastify's Ajv, no coercion).
async function validator(schema: object): Promise<(body: unknown) => Promise<boolean>> {
  const app = Fastify({ ajv: { customOptions: { coerceTypes: false, removeAdditional: false } } });
  app.post("/", { schema: { body: schema } }, async () => ({ ok: true }));
  await app.ready();
  return async (body) => (await app.inject({ method: "POST", url: "/", payload: body as object })).statusCode === 200;
}

describe("request schemas", () => {
  const s = requestSchemas(resolveServeLimits({ maxLines: 3, maxLineChars: 10 }));
  it("accept the mirrored service's fields", async () => {
    expect(await (await validator(s.predict))({ logs: ["a"], model_type: "bert", bert_variant: "hybrid", include_probabilities: true, include_templates: false, format: "HDFS", detection: "every-line" })).toBe(true);
    expect(await (await validator(s.predictBatch))({ logs: ["a"], return_top_k: 3 })).toBe(true);
    expect(await (await validator(s.analyze))({ logs: ["a"], compare_models: true, detectors: ["hdfs-deeplog"] })).toBe(true);
  });
  it("reject too many or too long lines, unknown fields, other variants and format strings (regexes) from a request", async () => {
    const predict = await validator(s.predict);
    for (const bad of [{ logs: ["a", "b", "c", "d"] }, { logs: ["0123456789x"] }, { logs: [] }, { logs: ["a"], extra: 1 }, { logs: ["a"], bert_variant: "../x" }, { logs: ["a"], format: "<Date> <Content>" }, { logs: "a" }, { logs: [1] }]) {
      expect(await predict(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(await (await validator(s.analyze))({ logs: ["a"], detectors: ["../up"] })).toBe(false);
    expect(await (await validator(s.predictBatch))({ logs: ["a"], return_top_k: 0 })).toBe(false);
  });
});
