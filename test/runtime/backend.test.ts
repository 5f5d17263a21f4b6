import * as tf from "@tensorflow/tfjs";
import { afterEach, describe, expect, it } from "vitest";
import { BACKEND_ORDER, formatBackendReport, probeWebGpu, selectBackend, type WebGpuProbe } from "../../lib/runtime/backend.js";

/** A stand-in for an adapter: registers TF.js's cpu backend under the name "webgpu". */
function fakeAdapter(software = false): WebGpuProbe {
  return async () => ({
    ok: true,
    adapter: software ? "Mesa llvmpipe" : "NVIDIA H100 (fake)",
    software,
    register: async () => {
      const cpuFactory = tf.findBackendFactory("cpu");
      if (!cpuFactory) throw new Error("no cpu backend factory");
      if (tf.findBackend("webgpu")) tf.removeBackend("webgpu");
      tf.registerBackend("webgpu", cpuFactory as () => tf.KernelBackend, 0);
    },
  });
}

const noAdapter: WebGpuProbe = async () => ({ ok: false, reason: "no adapter: requestAdapter() returned null (test)" });

describe("selectBackend", () => {
  afterEach(async () => {
    await selectBackend({ force: "wasm" });
    if (tf.findBackend("webgpu")) tf.removeBackend("webgpu");
  });

  it("chooses a working backend, reports why, and lists what it tried in order", async () => {
    const report = await selectBackend();
    expect(BACKEND_ORDER).toContain(report.choice);
    expect(tf.getBackend()).toBe(report.tfBackend);
    expect(report.reason.length).toBeGreaterThan(10);
    const order = report.tried.map((t) => t.choice);
    const tryable = BACKEND_ORDER.filter((c) => c !== "webgpu" || process.env.LOGLAB_WEBGPU === "1"); // webgpu is opt-in
    expect(tryable.slice(0, order.length)).toEqual(order);
    expect(report.tried[report.tried.length - 1]!.ok).toBe(true);
    // The chosen backend computes.
    await tf.setBackend(report.tfBackend);
    const y = tf.tidy(() => tf.tensor2d([[1, 2], [3, 4]]).matMul(tf.tensor2d([[1], [1]])).arraySync());
    expect(y).toEqual([[3], [7]]);
  });

  it("honours a forced backend and says so", async () => {
    const report = await selectBackend({ force: "cpu" });
    expect(report.choice).toBe("cpu");
    expect(report.reason).toMatch(/forced/);
    expect(tf.getBackend()).toBe("cpu");
    await selectBackend({ force: "wasm" });
  });

  it("fails loudly for an unavailable forced backend", async () => {
    await expect(selectBackend({ force: "node-gpu" })).rejects.toThrow(/node-gpu: not installed|node-gpu:/);
    await expect(selectBackend({ force: "webgpu", probeWebGpu: noAdapter })).rejects.toThrow(/LOGLAB_BACKEND=webgpu.*webgpu: no adapter/);
  });

  it("without an adapter, skips webgpu quickly with a one-line reason and falls back to wasm", async () => {
    const t0 = performance.now();
    const report = await selectBackend({ probeWebGpu: noAdapter, skip: ["node-gpu", "node"], webgpu: true });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(report.choice).toBe("wasm");
    expect(report.tried.map((t) => t.choice)).toEqual(["webgpu", "wasm"]);
    expect(report.tried[0]).toEqual({ choice: "webgpu", ok: false, detail: "no adapter: requestAdapter() returned null (test)" });
    expect(report.reason).toMatch(/^webgpu unavailable \(not tried: node-gpu, node\); @tensorflow\/tfjs-backend-wasm loaded$/);
    const text = formatBackendReport(report);
    expect(text.split("\n")).toEqual([`TF.js backend: wasm (${report.reason})`, "  skipped webgpu: no adapter: requestAdapter() returned null (test)"]);
  });

  it("with an adapter, chooses webgpu before wasm", async () => {
    const report = await selectBackend({ probeWebGpu: fakeAdapter(), skip: ["node-gpu"], webgpu: true });
    expect(report.choice).toBe("webgpu");
    expect(report.tfBackend).toBe("webgpu");
    expect(tf.getBackend()).toBe("webgpu");
    expect(report.tried).toEqual([{ choice: "webgpu", ok: true, detail: "@tensorflow/tfjs-backend-webgpu on NVIDIA H100 (fake)" }]);
    expect(report.reason).toMatch(/first backend in the preference order/);
  });

  it("skips a software adapter unless webgpu is forced", async () => {
    const auto = await selectBackend({ probeWebGpu: fakeAdapter(true), skip: ["node-gpu", "node"], webgpu: true });
    expect(auto.choice).toBe("wasm");
    expect(auto.tried[0]!.detail).toMatch(/software adapter \(Mesa llvmpipe\)/);
    const forced = await selectBackend({ force: "webgpu", probeWebGpu: fakeAdapter(true) });
    expect(forced.choice).toBe("webgpu");
    expect(forced.reason).toMatch(/forced/);
  });

  it("does not try webgpu unless opted in (webgpu option or LOGLAB_WEBGPU=1), and says so", async () => {
    let probed = 0;
    const adapter = fakeAdapter();
    const counting: WebGpuProbe = async (o) => {
      probed++;
      return adapter(o);
    };
    const before = process.env.LOGLAB_WEBGPU;
    delete process.env.LOGLAB_WEBGPU;
    try {
      const off = await selectBackend({ probeWebGpu: counting, skip: ["node-gpu", "node"] });
      expect(probed).toBe(0);
      expect(off.choice).toBe("wasm");
      expect(off.reason).toMatch(/not tried: node-gpu, webgpu, node/);
      process.env.LOGLAB_WEBGPU = "1";
      const on = await selectBackend({ probeWebGpu: counting, skip: ["node-gpu", "node"] });
      expect(probed).toBe(1);
      expect(on.choice).toBe("webgpu");
    } finally {
      if (before === undefined) delete process.env.LOGLAB_WEBGPU;
      else process.env.LOGLAB_WEBGPU = before;
      await selectBackend({ force: "wasm" });
    }
  });

  it("never probes a skipped backend (LOGLAB_BACKEND_SKIP and the skip option)", async () => {
    let probed = 0;
    const counting: WebGpuProbe = async (o) => {
      probed++;
      return noAdapter(o);
    };
    const report = await selectBackend({ probeWebGpu: counting, skip: ["node-gpu", "webgpu", "node"] });
    expect(probed).toBe(0);
    expect(report.choice).toBe("wasm");
    const before = process.env.LOGLAB_BACKEND_SKIP;
    process.env.LOGLAB_BACKEND_SKIP = "webgpu";
    try {
      const r2 = await selectBackend({ probeWebGpu: counting, skip: ["node-gpu", "node"], webgpu: true });
      expect(probed).toBe(0);
      expect(r2.tried.map((t) => t.choice)).toEqual(["wasm"]);
      process.env.LOGLAB_BACKEND_SKIP = "gpu";
      expect(() => selectBackend({ probeWebGpu: counting })).toThrow(/LOGLAB_BACKEND_SKIP: gpu is not one of/);
    } finally {
      if (before === undefined) delete process.env.LOGLAB_BACKEND_SKIP;
      else process.env.LOGLAB_BACKEND_SKIP = before;
    }
  });

  it("the real WebGPU probe answers quickly: an adapter, or why there is none", async () => {
    const t0 = performance.now();
    const r = await probeWebGpu({ forced: false });
    expect(performance.now() - t0).toBeLessThan(15_000);
    if (!r.ok) expect(r.reason).toMatch(/no adapter|not installed/);
    else expect(r.adapter.length).toBeGreaterThan(0);
  });
});
