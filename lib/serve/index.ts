// Not re-exported from lib/index.ts: the server pulls in Fastify, which notebooks (compiled by
// tslab's TypeScript 5.0) do not need; the CLI, tests and benchmarks import this barrel.
export * from "./api-error.js";
export * from "./serve-options.js";
export * from "./api-schemas.js";
export * from "./api-responses.js";
export * from "./session-detector.js";
export * from "./served-models.js";
export * from "./web-assets.js";
export * from "./server.js";
