import { FORMAT_NAMES } from "../parse/formats/registry.js";
import type { ServeLimits } from "./serve-options.js";

/**
 * JSON schemas of the request bodies (validated by Fastify's Ajv with no type coercion and no
 * silent removal: a wrong type or an unknown field is a 400 naming it). Field names are the
 * mirrored service's; `format` and `detection` are loglab additions.
 */
export function requestSchemas(limits: ServeLimits): { predict: object; predictBatch: object; analyze: object } {
  const logs = { type: "array", minItems: 1, maxItems: limits.maxLines, items: { type: "string", maxLength: limits.maxLineChars } };
  const common = {
    logs,
    model_type: { type: "string", enum: ["ml", "bert"] },
    bert_variant: { type: "string", enum: ["dann", "lora", "hybrid"] },
    // Built-in names only: a LogHub-style format string compiles to regular expressions, which a request must not supply.
    format: { type: "string", enum: ["auto", ...FORMAT_NAMES] },
    detection: { type: "string", enum: ["batch-first", "every-line"] },
  };
  const body = (extra: Record<string, object>): object => ({ type: "object", required: ["logs"], additionalProperties: false, properties: { ...common, ...extra } });
  return {
    predict: body({ include_probabilities: { type: "boolean" }, include_templates: { type: "boolean" } }),
    predictBatch: body({ return_top_k: { type: "integer", minimum: 1, maximum: 50 } }),
    analyze: body({
      compare_models: { type: "boolean" },
      detectors: { type: "array", maxItems: 32, items: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$" } },
    }),
  };
}
