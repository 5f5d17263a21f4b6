import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/serve/api-error.js";

describe("ApiError", () => {
  it("carries the HTTP status and the word clients read", () => {
    const e = new ApiError(404, "model_not_available", "DANN-BERT is not loaded");
    expect([e.statusCode, e.code, e.message, e instanceof Error]).toEqual([404, "model_not_available", "DANN-BERT is not loaded", true]);
  });
});
