import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * The backends loglab can run on, in the order it tries them: the GPU paths first (CUDA through
 * tfjs-node-gpu, then WebGPU through Dawn), then the CPU paths (native tfjs-node, wasm, pure JS).
 */
export const BACKEND_ORDER = ["node-gpu", "webgpu", "node", "wasm", "cpu"] as const;
export type BackendChoice = (typeof BACKEND_ORDER)[number];

/** What `selectBackend` tried and what it chose. */
export interface BackendReport {
  /** The loglab name of the chosen backend. */
  choice: BackendChoice;
  /** TF.js's own name for it (`tensorflow`, `webgpu`, `wasm`, `cpu`). */
  tfBackend: string;
  /** Why this one: forced by LOGLAB_BACKEND, or the first that loaded. */
  reason: string;
  /** Every backend tried, in order, with the error of those that failed. */
  tried: { choice: BackendChoice; ok: boolean; detail: string }[];
  tfjsVersion: string;
}

const PACKAGE_OF: Record<BackendChoice, string> = {
  "node-gpu": "@tensorflow/tfjs-node-gpu",
  webgpu: "@tensorflow/tfjs-backend-webgpu",
  node: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: "@tensorflow/tfjs-backend-cpu",
};

/**
 * What a WebGPU probe found: an adapter (and how to register the TF.js backend on it), or why
 * there is none. Injected in tests so that both paths run without a GPU.
 */
export type WebGpuProbeResult =
  | { ok: true; adapter: string; software: boolean; register: () => Promise<void> }
  | { ok: false; reason: string };
export type WebGpuProbe = (options: { forced: boolean }) => Promise<WebGpuProbeResult>;

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Use this backend only (fails loudly if it cannot load); overrides LOGLAB_BACKEND. */
  force?: BackendChoice;
  /** Backends never to try (LOGLAB_BACKEND_SKIP=webgpu,node… adds to these). */
  skip?: readonly BackendChoice[];
  /** Replaces the real WebGPU probe (tests). The result is then not memoised. */
  probeWebGpu?: WebGpuProbe;
  /**
   * Let automatic selection try WebGPU (default: LOGLAB_WEBGPU=1). Off by default because parts of
   * training and scoring still read tensors synchronously, which the webgpu backend cannot do under
   * Node (no OffscreenCanvas): a run that picked it would stop at the first such read.
   */
  webgpu?: boolean;
}

function projectRequire(): NodeJS.Require {
  return createRequire(join(process.cwd(), "noop.js"));
}

/** Loads an optional ESM package by name without making TypeScript resolve its types. */
async function importOptional(name: string): Promise<Record<string, unknown>> {
  return (await import(name)) as Record<string, unknown>;
}

/** Library folders where the dynamic loader looks for `libvulkan.so.1` (Linux). */
function vulkanLoaderDirs(): string[] {
  const dirs = (process.env.LD_LIBRARY_PATH ?? "").split(":").filter(Boolean);
  dirs.push("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib");
  try {
    for (const f of readdirSync("/etc/ld.so.conf.d")) {
      if (!f.endsWith(".conf")) continue;
      for (const line of readFileSync(join("/etc/ld.so.conf.d", f), "utf8").split("\n")) {
        const d = line.trim();
        if (d.startsWith("/")) dirs.push(d);
      }
    }
  } catch {
    // no ld.so.conf.d: the standard folders only
  }
  return dirs;
}

/** True when `libvulkan.so.1` is in one of the loader's folders (not on Linux: always true). */
export function vulkanLoaderFound(): boolean {
  if (process.platform !== "linux") return true;
  return vulkanLoaderDirs().some((d) => existsSync(join(d, "libvulkan.so.1")));
}

/** Minimal shapes of the WebGPU objects the probe touches (the `webgpu` package is optional). */
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; type?: string };
  isFallbackAdapter?: boolean;
  features: { has(name: string): boolean };
  limits: Record<string, number>;
  requestDevice(descriptor: unknown): Promise<unknown>;
}
interface GpuLike {
  requestAdapter(options?: unknown): Promise<GpuAdapterLike | null>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The real probe: loads the `webgpu` package (Dawn's Node bindings) and
 * `@tensorflow/tfjs-backend-webgpu`, asks Dawn for a high-performance adapter, and returns how to
 * register TF.js's webgpu backend on it. Without a forced choice it first checks, on Linux, that
 * the Vulkan loader exists (Dawn prints two warning lines to stderr when it is missing) and it
 * skips software adapters (llvmpipe, SwiftShader: slower than wasm).
 */
export const probeWebGpu: WebGpuProbe = async ({ forced }) => {
  if (!forced && !vulkanLoaderFound()) {
    return { ok: false, reason: "no adapter: libvulkan.so.1 (the Vulkan loader Dawn needs on Linux) is not installed" };
  }
  let dawn: Record<string, unknown>;
  let tfWebGpu: Record<string, unknown>;
  try {
    dawn = await importOptional("webgpu");
  } catch (err) {
    return { ok: false, reason: notInstalledOr(err, "webgpu") };
  }
  try {
    // Imported before navigator.gpu exists, so the package registers its kernels but not its own
    // backend factory (that one would call navigator.gpu); loglab registers the backend below.
    tfWebGpu = await importOptional(PACKAGE_OF.webgpu);
  } catch (err) {
    return { ok: false, reason: notInstalledOr(err, PACKAGE_OF.webgpu) };
  }
  const create = dawn.create as (flags: string[]) => GpuLike;
  const globals = dawn.globals as Record<string, unknown>;
  const gpu = create([]);
  const adapter = await withTimeout(gpu.requestAdapter({ powerPreference: "high-performance" }), 10_000, "requestAdapter()");
  if (!adapter) return { ok: false, reason: "no adapter: requestAdapter() returned null (no GPU with a Vulkan driver here)" };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(" ") || "unnamed adapter";
  const software = adapter.isFallbackAdapter === true || info.type === "cpu" || /llvmpipe|lavapipe|swiftshader/i.test(name);
  const register = async (): Promise<void> => {
    // The backend reads GPUBufferUsage, GPUMapMode… as globals, as in a browser.
    for (const [k, v] of Object.entries(globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
    const requiredFeatures = ["timestamp-query"].filter((f) => adapter.features.has(f));
    const limits = adapter.limits;
    // The same device request as tfjs-backend-webgpu's own factory (base.ts).
    const device = await adapter.requestDevice({
      requiredFeatures,
      requiredLimits: {
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
        maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
        maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
        maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      },
    });
    const Backend = tfWebGpu.WebGPUBackend as new (device: unknown, info: unknown) => tf.KernelBackend;
    const backend = new Backend(device, info);
    guardReadSync(backend);
    if (tf.findBackend("webgpu")) tf.removeBackend("webgpu");
    tf.registerBackend("webgpu", () => backend, 1);
  };
  return { ok: true, adapter: name, software, register };
};

/**
 * tfjs-backend-webgpu reads synchronously (dataSync, arraySync) through an OffscreenCanvas, which
 * Node does not have: replace its "OffscreenCanvas is not defined" with an error that says what
 * to do. Reads of tensors whose values are still on the CPU keep working.
 */
function guardReadSync(backend: tf.KernelBackend): void {
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    try {
      return readSync(dataId);
    } catch (err) {
      if (typeof (globalThis as Record<string, unknown>).OffscreenCanvas !== "undefined") throw err;
      throw new Error(
        "a synchronous read (dataSync/arraySync) of a GPU tensor on the webgpu backend: Node has no OffscreenCanvas, " +
          "so only asynchronous reads (data/array) work there. This code path needs LOGLAB_BACKEND=wasm (docs/DESIGN.md, WebGPU).",
      );
    }
  };
}

function notInstalledOr(err: unknown, pkg: string): string {
  const msg = ((err as Error).message ?? String(err)).split("\n")[0]!;
  return /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(msg) ? `${pkg} is not installed` : msg;
}

async function tryBackend(choice: BackendChoice, forced: boolean, probe: WebGpuProbe): Promise<{ tfBackend: string; detail: string }> {
  if (choice === "node-gpu" || choice === "node") {
    // Optional packages: they download libtensorflow at install time, which fails offline, and
    // npm then drops them. Loading one registers the "tensorflow" backend with tfjs-core.
    const req = projectRequire();
    req(PACKAGE_OF[choice]);
    if (!(await tf.setBackend("tensorflow"))) throw new Error("tensorflow backend did not initialise");
    return { tfBackend: "tensorflow", detail: `${PACKAGE_OF[choice]} loaded` };
  }
  if (choice === "webgpu") {
    const found = await probe({ forced });
    if ("reason" in found) throw new Error(found.reason); // (an `ok` test does not narrow without strictNullChecks, as in the notebook kernel)
    if (found.software && !forced) throw new Error(`software adapter (${found.adapter}): slower than wasm; LOGLAB_BACKEND=webgpu uses it anyway`);
    await found.register();
    if (!(await tf.setBackend("webgpu"))) throw new Error(`webgpu backend did not initialise on ${found.adapter}`);
    return { tfBackend: "webgpu", detail: `${PACKAGE_OF.webgpu} on ${found.adapter}` };
  }
  if (choice === "wasm") {
    // Importing the package registers "wasm"; in Node it reads its .wasm binary from its own dist
    // folder (setWasmPaths would switch it to fetch(), which cannot load file paths).
    if (!(await tf.setBackend("wasm"))) throw new Error("wasm backend did not initialise");
    return { tfBackend: "wasm", detail: `${PACKAGE_OF.wasm} loaded` };
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("cpu backend did not initialise");
  return { tfBackend: "cpu", detail: `${PACKAGE_OF.cpu} loaded` };
}

let selected: Promise<BackendReport> | null = null;

/**
 * Picks the fastest TF.js backend that works here: tfjs-node-gpu, then WebGPU (opt-in with
 * LOGLAB_WEBGPU=1, see {@link SelectBackendOptions.webgpu}; only when the `webgpu` package loads
 * and Dawn returns a hardware adapter), then tfjs-node, then wasm, then the pure-JS cpu backend.
 * `LOGLAB_BACKEND=node-gpu|webgpu|node|wasm|cpu` forces one (and fails loudly if it cannot load);
 * `LOGLAB_BACKEND_SKIP=webgpu,…` never tries those. The result is memoised per process (not with
 * `force`, `skip`, `webgpu` or an injected probe).
 *
 * @example
 * const report = await selectBackend();
 * console.log(formatBackendReport(report));
 */
export function selectBackend(options: SelectBackendOptions = {}): Promise<BackendReport> {
  const forced = options.force ?? parseBackendEnv(process.env.LOGLAB_BACKEND);
  const memoise = !options.force && !options.probeWebGpu && !options.skip && options.webgpu === undefined;
  if (selected && memoise) return selected;
  const skip = new Set<BackendChoice>([...(options.skip ?? []), ...parseBackendList(process.env.LOGLAB_BACKEND_SKIP, "LOGLAB_BACKEND_SKIP")]);
  if (!(options.webgpu ?? process.env.LOGLAB_WEBGPU === "1")) skip.add("webgpu");
  const probe = options.probeWebGpu ?? probeWebGpu;
  const run = async (): Promise<BackendReport> => {
    const tried: BackendReport["tried"] = [];
    const order: readonly BackendChoice[] = forced ? [forced] : BACKEND_ORDER.filter((c) => !skip.has(c));
    for (const choice of order) {
      try {
        const { tfBackend, detail } = await tryBackend(choice, forced !== undefined, probe);
        await tf.ready();
        tried.push({ choice, ok: true, detail });
        const skipped = forced ? [] : BACKEND_ORDER.filter((c) => skip.has(c));
        const excluded = skipped.length ? ` (not tried: ${skipped.join(", ")})` : "";
        const reason = forced
          ? `forced by ${options.force ? "the caller" : `LOGLAB_BACKEND=${forced}`}`
          : tried.length === 1
            ? `${detail}: the first backend in the preference order that loaded${excluded}`
            : `${tried
                .filter((t) => !t.ok)
                .map((t) => t.choice)
                .join(", ")} unavailable${excluded}; ${detail}`;
        return { choice, tfBackend, reason, tried, tfjsVersion: tf.version.tfjs };
      } catch (err) {
        const msg = ((err as Error).message ?? String(err)).split("\n")[0] ?? String(err);
        tried.push({ choice, ok: false, detail: msg.includes("Cannot find module") ? "not installed" : msg });
      }
    }
    throw new Error(
      `No TF.js backend could be loaded${forced ? ` (LOGLAB_BACKEND=${forced})` : ""}: ` +
        tried.map((t) => `${t.choice}: ${t.detail}`).join("; "),
    );
  };
  const p = run();
  if (memoise) selected = p;
  return p;
}

/** One line per backend tried: the choice first, then why each earlier one was skipped. */
export function formatBackendReport(report: BackendReport): string {
  const lines = [`TF.js backend: ${report.choice} (${report.reason})`];
  for (const t of report.tried) if (!t.ok) lines.push(`  skipped ${t.choice}: ${t.detail}`);
  return lines.join("\n");
}

function parseBackendEnv(value: string | undefined): BackendChoice | undefined {
  if (value === undefined || value === "") return undefined;
  if ((BACKEND_ORDER as readonly string[]).includes(value)) return value as BackendChoice;
  throw new Error(`LOGLAB_BACKEND=${value} is not one of ${BACKEND_ORDER.join(", ")}`);
}

function parseBackendList(value: string | undefined, name: string): BackendChoice[] {
  if (value === undefined || value.trim() === "") return [];
  return value.split(",").map((v) => {
    const c = v.trim();
    if (!(BACKEND_ORDER as readonly string[]).includes(c)) throw new Error(`${name}: ${c} is not one of ${BACKEND_ORDER.join(", ")}`);
    return c as BackendChoice;
  });
}
