import type { TriageGroup } from "./triage-queue.js";

/** Where the optional LLM review goes: an OpenAI-compatible chat endpoint. */
export interface LlmSettings {
  /** Base URL; the request goes to `${url}/v1/chat/completions`. */
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

/**
 * The LLM settings from the environment, or null (the hook is off) unless `LOGLAB_LLM_URL` is set:
 * `LOGLAB_LLM_MODEL` (default "gpt-4o-mini"), `LOGLAB_LLM_API_KEY` (sent as a bearer token when
 * set), `LOGLAB_LLM_TIMEOUT_MS` (default 60000).
 */
export function llmSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): LlmSettings | null {
  const url = env.LOGLAB_LLM_URL?.trim();
  if (!url) return null;
  const timeout = Number(env.LOGLAB_LLM_TIMEOUT_MS ?? 60000);
  return { url: url.replace(/\/+$/, ""), model: env.LOGLAB_LLM_MODEL?.trim() || "gpt-4o-mini", apiKey: env.LOGLAB_LLM_API_KEY?.trim() || null, timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 60000 };
}

/** What the LLM said about one group. */
export interface LlmReview {
  key: number;
  rank: number;
  verdict: "anomalous" | "normal" | "unsure";
  reason: string;
  /** The reply's text as received. */
  reply: string;
  model: string;
}

/** The chat messages for one group: the template, its counts and scores, and its example lines. */
export function triageMessages(g: TriageGroup): { role: "system" | "user"; content: string }[] {
  const lines = g.examples.map((e) => `- ${e.ref}${e.text !== undefined ? `: ${e.text}` : ""} (score ${e.score.toFixed(3)})`).join("\n");
  return [
    {
      role: "system",
      content:
        'You review groups of log lines that an anomaly detector marked "Watch Out". Answer with one JSON object: {"verdict": "anomalous" | "normal" | "unsure", "reason": "<one sentence>"}.',
    },
    {
      role: "user",
      content: [
        `Template (key ${g.key}): ${g.template ?? "(template text unknown)"}`,
        `Flagged lines: ${g.count} in ${g.sessions} sessions; score mean ${g.meanScore.toFixed(3)}, max ${g.maxScore.toFixed(3)} (above 1 = past the detector's threshold)`,
        `Occurrences of this template in normal training data: ${g.trainCount}`,
        `Rules that fired: ${g.rules}`,
        `Example lines:`,
        lines || "- (none)",
      ].join("\n"),
    },
  ];
}

/** Reads the verdict from a reply: its JSON object if it has one, else the first verdict word in it. */
export function parseReview(reply: string): { verdict: LlmReview["verdict"]; reason: string } {
  const m = /\{[\s\S]*\}/.exec(reply);
  if (m) {
    try {
      const j = JSON.parse(m[0]) as { verdict?: unknown; reason?: unknown };
      const v = String(j.verdict ?? "").toLowerCase();
      if (v === "anomalous" || v === "normal" || v === "unsure") return { verdict: v, reason: String(j.reason ?? "") };
    } catch {
      // fall through to the word rule
    }
  }
  const w = /\b(anomalous|normal|unsure)\b/i.exec(reply);
  return { verdict: w ? (w[1]!.toLowerCase() as LlmReview["verdict"]) : "unsure", reason: reply.trim().slice(0, 500) };
}

/**
 * Sends one triage group to the chat endpoint (POST `${url}/v1/chat/completions`, temperature 0)
 * and returns its verdict. Off by default: callers get settings from {@link llmSettingsFromEnv},
 * which is null unless `LOGLAB_LLM_URL` is set. HTTP errors, time-outs and replies without a
 * message are errors naming the endpoint.
 */
export async function reviewTriageGroup(group: TriageGroup, s: LlmSettings): Promise<LlmReview> {
  const endpoint = `${s.url}/v1/chat/completions`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (s.apiKey) headers.authorization = `Bearer ${s.apiKey}`;
  let res: Response;
  try {
    res = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify({ model: s.model, temperature: 0, messages: triageMessages(group) }), signal: AbortSignal.timeout(s.timeoutMs) });
  } catch (err) {
    throw new Error(`LLM review: ${endpoint}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`LLM review: ${endpoint} answered ${res.status}: ${text.slice(0, 200)}`);
  let reply: string;
  try {
    const j = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] };
    const c = j.choices?.[0]?.message?.content;
    if (typeof c !== "string") throw new Error("no choices[0].message.content");
    reply = c;
  } catch (err) {
    throw new Error(`LLM review: ${endpoint}: unexpected reply (${(err as Error).message})`);
  }
  return { key: group.key, rank: group.rank, ...parseReview(reply), reply, model: s.model };
}
