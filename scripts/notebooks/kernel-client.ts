/**
 * A minimal Jupyter client: starts a tslab kernel process and talks the Jupyter messaging
 * protocol (v5.3) to it over ZeroMQ, so notebooks run headless on the real kernel without a
 * Python Jupyter installation. Spec: https://jupyter-client.readthedocs.io/en/latest/messaging.html
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dealer, Subscriber } from "zeromq";

const DELIM = "<IDS|MSG>";

/** A Jupyter message (header, parent header, metadata, content). */
export interface JupyterMessage {
  header: { msg_id: string; msg_type: string; session: string; username: string; date: string; version: string };
  parent_header: { msg_id?: string } & Record<string, unknown>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

/** An nbformat v4 output. */
export type CellOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; data: Record<string, unknown>; metadata: Record<string, unknown>; execution_count: number | null }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

/** What executing one cell produced. */
export interface ExecuteResult {
  status: "ok" | "error" | "timeout";
  executionCount: number | null;
  outputs: CellOutput[];
  error?: { ename: string; evalue: string; traceback: string[] };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A tslab kernel process and the two sockets a headless runner needs (shell and iopub). */
export class KernelClient {
  private readonly session = randomUUID();
  private readonly key = randomUUID();
  private shell = new Dealer();
  private iopub = new Subscriber();
  private proc: ChildProcess | null = null;
  private tmp: string | null = null;
  private stderrTail = "";
  private exited: string | null = null;
  /** iopub messages per parent msg_id. */
  private readonly listeners = new Map<string, (m: JupyterMessage) => void>();
  private readonly shellWaiters = new Map<string, (m: JupyterMessage) => void>();

  constructor(
    private readonly options: { cwd: string; env?: NodeJS.ProcessEnv; tslabBin: string; startTimeoutMs?: number },
  ) {}

  async start(): Promise<void> {
    const ports = { shell: await freePort(), iopub: await freePort(), stdin: await freePort(), control: await freePort(), hb: await freePort() };
    this.tmp = mkdtempSync(join(tmpdir(), "loglab-kernel-"));
    const connPath = join(this.tmp, "connection.json");
    writeFileSync(
      connPath,
      JSON.stringify({
        transport: "tcp",
        ip: "127.0.0.1",
        shell_port: ports.shell,
        iopub_port: ports.iopub,
        stdin_port: ports.stdin,
        control_port: ports.control,
        hb_port: ports.hb,
        key: this.key,
        signature_scheme: "hmac-sha256",
        kernel_name: "tslab",
      }),
    );
    this.proc = spawn(process.execPath, [this.options.tslabBin, "kernel", "--config-path", connPath], {
      cwd: this.options.cwd,
      env: this.options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keepTail = (chunk: Buffer): void => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    };
    this.proc.stdout?.on("data", keepTail);
    this.proc.stderr?.on("data", keepTail);
    this.proc.on("exit", (code, signal) => {
      this.exited = `kernel exited (code ${code}, signal ${signal})`;
    });
    this.shell.connect(`tcp://127.0.0.1:${ports.shell}`);
    this.iopub.connect(`tcp://127.0.0.1:${ports.iopub}`);
    this.iopub.subscribe();
    void this.pump(this.iopub, (m) => {
      const pid = m.parent_header.msg_id;
      if (pid) this.listeners.get(pid)?.(m);
    });
    void this.pump(this.shell, (m) => {
      const pid = m.parent_header.msg_id;
      if (pid) {
        this.shellWaiters.get(pid)?.(m);
        this.shellWaiters.delete(pid);
      }
    });
    // iopub is a PUB/SUB pair: messages sent before the subscription is live are lost, so repeat
    // kernel_info_request until its busy/idle status shows up on iopub.
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 60_000);
    for (;;) {
      if (this.exited) throw new Error(`tslab kernel failed to start: ${this.exited}\n${this.stderrTail}`);
      if (Date.now() > deadline) throw new Error(`tslab kernel did not answer within ${this.options.startTimeoutMs ?? 60_000} ms\n${this.stderrTail}`);
      const seen = await this.request("kernel_info_request", {}, 2000, true);
      if (seen) break;
    }
  }

  private async pump(sock: Dealer | Subscriber, onMessage: (m: JupyterMessage) => void): Promise<void> {
    try {
      for await (const frames of sock) {
        const parts = frames.map((f) => f.toString("utf8"));
        const at = parts.indexOf(DELIM);
        if (at < 0) continue;
        const [sig, header, parent, metadata, content] = parts.slice(at + 1);
        if (sig !== this.sign([header ?? "", parent ?? "", metadata ?? "", content ?? ""])) continue;
        onMessage({
          header: JSON.parse(header ?? "{}"),
          parent_header: JSON.parse(parent ?? "{}"),
          metadata: JSON.parse(metadata ?? "{}"),
          content: JSON.parse(content ?? "{}"),
        });
      }
    } catch {
      // socket closed
    }
  }

  private sign(parts: string[]): string {
    const h = createHmac("sha256", this.key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  private async send(msgType: string, content: Record<string, unknown>): Promise<string> {
    const msgId = randomUUID();
    const header = JSON.stringify({ msg_id: msgId, msg_type: msgType, session: this.session, username: "loglab", date: new Date().toISOString(), version: "5.3" });
    const parts = [header, "{}", "{}", JSON.stringify(content)];
    await this.shell.send([DELIM, this.sign(parts), ...parts]);
    return msgId;
  }

  /** Sends a request and resolves true once its "idle" status arrives on iopub (false on timeout). */
  private async request(msgType: string, content: Record<string, unknown>, timeoutMs: number, needIopub: boolean): Promise<boolean> {
    let resolveIdle!: (v: boolean) => void;
    const idle = new Promise<boolean>((r) => (resolveIdle = r));
    const msgId = await this.send(msgType, content);
    this.listeners.set(msgId, (m) => {
      if (m.header.msg_type === "status" && m.content.execution_state === "idle") resolveIdle(true);
    });
    const timer = setTimeout(() => resolveIdle(false), timeoutMs);
    const ok = needIopub ? await idle : true;
    clearTimeout(timer);
    this.listeners.delete(msgId);
    return ok;
  }

  /** Executes code and collects its outputs as nbformat outputs. */
  async execute(code: string, timeoutMs: number): Promise<ExecuteResult> {
    const outputs: CellOutput[] = [];
    const byDisplayId = new Map<string, number>();
    let executionCount: number | null = null;
    let error: ExecuteResult["error"];
    let gotIdle = false;
    let reply: JupyterMessage | null = null;
    let wake!: () => void;
    let waiting = new Promise<void>((r) => (wake = r));
    const msgId = randomUUID();
    const onIopub = (m: JupyterMessage): void => {
      const c = m.content;
      switch (m.header.msg_type) {
        case "stream": {
          const name = c.name === "stderr" ? "stderr" : "stdout";
          const last = outputs[outputs.length - 1];
          if (last && last.output_type === "stream" && last.name === name) last.text += String(c.text ?? "");
          else outputs.push({ output_type: "stream", name, text: String(c.text ?? "") });
          break;
        }
        case "display_data":
        case "update_display_data": {
          const id = (c.transient as { display_id?: string } | undefined)?.display_id;
          const out = { output_type: "display_data" as const, data: (c.data ?? {}) as Record<string, unknown>, metadata: (c.metadata ?? {}) as Record<string, unknown> };
          const at = id !== undefined ? byDisplayId.get(id) : undefined;
          if (at !== undefined) outputs[at] = out;
          else if (m.header.msg_type === "display_data") {
            if (id !== undefined) byDisplayId.set(id, outputs.length);
            outputs.push(out);
          }
          break;
        }
        case "execute_result":
          outputs.push({
            output_type: "execute_result",
            data: (c.data ?? {}) as Record<string, unknown>,
            metadata: (c.metadata ?? {}) as Record<string, unknown>,
            execution_count: (c.execution_count as number | undefined) ?? null,
          });
          break;
        case "error":
          error = { ename: String(c.ename ?? "Error"), evalue: String(c.evalue ?? ""), traceback: (c.traceback as string[] | undefined) ?? [] };
          outputs.push({ output_type: "error", ...error });
          break;
        case "execute_input":
          executionCount = (c.execution_count as number | undefined) ?? executionCount;
          break;
        case "status":
          if (c.execution_state === "idle") {
            gotIdle = true;
            wake();
          }
          break;
      }
    };
    const header = JSON.stringify({ msg_id: msgId, msg_type: "execute_request", session: this.session, username: "loglab", date: new Date().toISOString(), version: "5.3" });
    const content = JSON.stringify({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    this.listeners.set(msgId, onIopub);
    this.shellWaiters.set(msgId, (m) => {
      reply = m;
      wake();
    });
    const parts = [header, "{}", "{}", content];
    await this.shell.send([DELIM, this.sign(parts), ...parts]);
    const deadline = Date.now() + timeoutMs;
    while (!(gotIdle && reply)) {
      const left = deadline - Date.now();
      if (left <= 0 || this.exited) {
        this.listeners.delete(msgId);
        const why = this.exited ? `${this.exited}\n${this.stderrTail}` : `no result within ${Math.round(timeoutMs / 1000)} s`;
        return { status: this.exited ? "error" : "timeout", executionCount, outputs, error: error ?? { ename: this.exited ? "KernelDied" : "Timeout", evalue: why, traceback: [] } };
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([waiting, new Promise<void>((r) => (timer = setTimeout(r, Math.min(left, 1000))))]);
      clearTimeout(timer);
      waiting = new Promise<void>((r) => (wake = r));
    }
    this.listeners.delete(msgId);
    const r = reply as JupyterMessage | null;
    const status = r?.content.status === "ok" ? "ok" : "error";
    executionCount = (r?.content.execution_count as number | undefined) ?? executionCount;
    if (status === "error" && !error) {
      const c = r?.content ?? {};
      error = { ename: String(c.ename ?? "Error"), evalue: String(c.evalue ?? ""), traceback: (c.traceback as string[] | undefined) ?? [] };
    }
    return { status, executionCount, outputs, error };
  }

  /** Kernel stderr/stdout tail, for error reports. */
  get logTail(): string {
    return this.stderrTail;
  }

  /** Asks the kernel to shut down, then kills it if it lingers, and closes the sockets. */
  async shutdown(): Promise<void> {
    if (this.proc && !this.exited) {
      await this.request("shutdown_request", { restart: false }, 2000, false).catch(() => undefined);
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.proc?.kill("SIGKILL");
          resolve();
        }, 2000);
        this.proc?.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    this.shell.close();
    this.iopub.close();
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
  }
}
