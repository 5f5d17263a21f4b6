import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { selectBackend } from "../../lib/runtime/backend.js";

describe("selectBackend", () => {
  it("chooses a working backend, reports why, and lists what it tried in order", async () => {
    const report = await selectBackend();
    expect(["node-gpu", "node", "wasm", "cpu"]).toContain(report.choice);
    expect(tf.getBackend()).toBe(report.tfBackend);
    expect(report.reason.length).toBeGreaterThan(10);
    const order = report.tried.map((t) => t.choice);
    expect(["node-gpu", "node", "wasm", "cpu"].slice(0, order.length)).toEqual(order);
    expect(report.tried[report.tried.length - 1]!.ok).toBe(true);
    // The chosen backend computes.
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
  });
});
