import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { llmSettingsFromEnv, parseReview, reviewTriageGroup } from "../../../lib/models/ensemble/triage-llm.js";
import { triageQueue } from "../../../lib/models/ensemble/triage-queue.js";

const group = triageQueue([{ key: 7, session: 3, ref: "hdfs.log:42", text: "Exception in receiveBlock for block blk_1", score: 3, trainCount: 0, rule: "rare: cosine > watch cutoff" }], { trainingLines: 100, templates: new Map([[7, "Exception in receiveBlock for block <*>"]]) })[0]!;

describe("the LLM hook", () => {
  let server: Server;
  let base = "";
  const seen: { url: string; auth: string | undefined; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  let status = 200;
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ url: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(status === 200 ? JSON.stringify({ choices: [{ message: { role: "assistant", content: 'Sure. {"verdict": "anomalous", "reason": "receiveBlock failed"}' } }] }) : '{"error":"boom"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("is off unless LOGLAB_LLM_URL is set", () => {
    expect(llmSettingsFromEnv({})).toBeNull();
    expect(llmSettingsFromEnv({ LOGLAB_LLM_MODEL: "m" })).toBeNull();
    expect(llmSettingsFromEnv({ LOGLAB_LLM_URL: "http://x/", LOGLAB_LLM_MODEL: "m", LOGLAB_LLM_API_KEY: "k" })).toEqual({ url: "http://x", model: "m", apiKey: "k", timeoutMs: 60000 });
  });

  it("posts one group to /v1/chat/completions with the model and key, and reads the verdict", async () => {
    const s = llmSettingsFromEnv({ LOGLAB_LLM_URL: base, LOGLAB_LLM_MODEL: "tiny-model", LOGLAB_LLM_API_KEY: "secret" })!;
    const r = await reviewTriageGroup(group, s);
    expect(r).toMatchObject({ key: 7, rank: 1, verdict: "anomalous", reason: "receiveBlock failed", model: "tiny-model" });
    const req = seen.at(-1)!;
    expect(req.url).toBe("/v1/chat/completions");
    expect(req.auth).toBe("Bearer secret");
    expect(req.body.model).toBe("tiny-model");
    const user = req.body.messages.find((m) => m.role === "user")!.content;
    expect(user).toContain("Exception in receiveBlock for block <*>");
    expect(user).toContain("hdfs.log:42");
  });

  it("sends no authorization header without a key, and reports HTTP errors", async () => {
    status = 500;
    const s = llmSettingsFromEnv({ LOGLAB_LLM_URL: base })!;
    await expect(reviewTriageGroup(group, s)).rejects.toThrow(/answered 500/);
    expect(seen.at(-1)!.auth).toBeUndefined();
    status = 200;
  });

  it("reads verdicts from plain words when the reply has no JSON", () => {
    expect(parseReview("This looks NORMAL to me")).toMatchObject({ verdict: "normal" });
    expect(parseReview("no idea")).toMatchObject({ verdict: "unsure" });
  });
});
