import { describe, expect, it } from "vitest";
import { progress, progressLine } from "../../lib/runtime/progress.js";

describe("progressLine", () => {
  it("shows percent, counts, rate, elapsed and ETA", () => {
    const line = progressLine("parse", 250, 1000, 5, "lines");
    expect(line).toBe("parse: 25% 250/1,000 lines · 50.0 lines/s · 5.0s elapsed · ETA 15s");
  });
  it("omits ETA without a total", () => {
    expect(progressLine("read", 1200, undefined, 2, "lines")).toBe("read: 1,200 lines · 600 lines/s · 2.0s elapsed");
  });
});

describe("progress (lines mode)", () => {
  it("writes throttled lines and one final line", () => {
    const lines: string[] = [];
    const bar = progress({ label: "job", total: 10, unit: "steps", mode: "lines", intervalMs: 1e9, write: (l) => lines.push(l) });
    for (let i = 0; i < 10; i++) bar.tick();
    bar.done();
    bar.done();
    // Throttled: nothing until the interval passes, then one final line.
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^job: 100% 10\/10 steps/);
    const every: string[] = [];
    const fast = progress({ label: "job", total: 3, mode: "lines", intervalMs: 0, write: (l) => every.push(l) });
    fast.tick();
    fast.tick();
    fast.update(3);
    fast.done();
    expect(every.map((l) => l.split(" ")[1])).toEqual(["33%", "67%", "100%", "100%"]);
  });
  it("is silent when off", () => {
    const lines: string[] = [];
    const bar = progress({ label: "job", total: 3, mode: "off", write: (l) => lines.push(l) });
    bar.tick(3);
    bar.done();
    expect(lines).toEqual([]);
  });
});
