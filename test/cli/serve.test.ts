import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { projectRoot } from "../../lib/runtime/project.js";
import { servedModelsDir } from "../serve/serve-fixtures.js";
import { runCli } from "./cli-helpers.js";

/** Starts `loglab serve` as a process and resolves when it listens. */
function start(args: string[]): Promise<{ url: string; stop: () => Promise<number | null>; log: () => string }> {
  const child = spawn(process.execPath, [join(projectRoot(), "bin", "loglab.mjs"), "serve", ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      log += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) resolve({ url: m[1]!, log: () => log, stop: () => new Promise((done) => { child.on("exit", (code) => done(code)); child.kill("SIGTERM"); }) });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${log}`)));
  });
}

describe("loglab serve", () => {
  let models: string;
  let server: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    models = await servedModelsDir();
    server = await start(["--models", models, "--port", "0", "--no-train"]);
  }, 120_000);
  afterAll(async () => {
    if (server) await server.stop();
  });
  it("binds 127.0.0.1 unless told otherwise, and answers", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const h = await (await fetch(`${server.url}/health`)).json();
    expect(h.models_loaded).toEqual({ ml: true, dann_bert: false, lora_bert: false, hybrid_bert: false });
    const p = await fetch(`${server.url}/api/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ logs: ["Dec 10 09:32:20 LabSZ sshd[24680]: Failed password for root from 5.36.59.76 port 42393 ssh2"] }) });
    expect((await p.json()).logs[0].prediction.class_name).toBe("security_anomaly");
    expect(server.log()).toMatch(/LoRA-BERT not loaded: .*no loader for line-classifier kind "bert"/);
    await vi.waitFor(() => expect(server.log()).toMatch(/POST \/api\/predict 200/));
  });
  it("stops cleanly on SIGTERM", async () => {
    const s = await start(["--models", models, "--port", "0", "--no-train", "--quiet"]);
    expect(await s.stop()).toBe(0);
    expect(s.log()).toMatch(/stopping/);
  });
  it("rejects bad flags before starting", async () => {
    expect((await runCli(["serve", "--port", "99999"])).err).toMatch(/--port must be 0..65535/);
    expect((await runCli(["serve", "--max-lines", "0"])).err).toMatch(/--max-lines must be a positive integer/);
    expect((await runCli(["serve", "--cors", "evil.example/x"])).err).toMatch(/is not an origin/);
  });
});
