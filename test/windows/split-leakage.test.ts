import { describe, expect, it } from "vitest";
import { Rng } from "../../lib/runtime/rng.js";
import { chronologicalSplit } from "../../lib/windows/chronological-split.js";
import { lineWindows, windowValues, type EventWindow } from "../../lib/windows/event-window.js";
import { slidingCountWindows } from "../../lib/windows/sliding.js";
import { checkSplitLeakage } from "../../lib/windows/split-leakage.js";

const events = Array.from({ length: 200 }, (_, i) => ({ file: "a.log", lineNo: i + 1 }));
const keys = Array.from({ length: 200 }, (_, i) => [1, 2, 3, 2][i % 4]!);
const fr = { train: 0.7, validation: 0.1, test: 0.2 };

describe("checkSplitLeakage (the leakage test)", () => {
  const windows = slidingCountWindows(events, { size: 8, step: 2 });
  const byId = new Map(windows.map((w) => [w.id, windowValues([w], keys)[0]!.join(" ")] as const));
  const seqOf = (w: EventWindow): string => byId.get(w.id)!;

  it("passes a chronological split of overlapping windows (duplicates declared allowed)", () => {
    const s = chronologicalSplit(windows, { fractions: fr });
    const r = checkSplitLeakage(s, { sequenceOf: seqOf, allowDuplicates: true });
    expect(r.ok).toBe(true);
    expect(r.counts).toEqual({ "shared-line": 0, order: 0, duplicate: 0 });
    // The periodic keys repeat: duplicates exist and are counted even though allowed.
    expect(r.duplicates!.testInTrain).toBeGreaterThan(0);
  });

  it("flags the same split when duplicates are not declared allowed", () => {
    const s = chronologicalSplit(windows, { fractions: fr });
    const r = checkSplitLeakage(s, { sequenceOf: seqOf });
    expect(r.ok).toBe(false);
    expect(r.counts.duplicate).toBeGreaterThan(0);
    expect(r.counts["shared-line"] + r.counts.order).toBe(0);
  });

  it("detects a deliberately leaky split: overlapping windows shuffled before splitting (LogBERT #57)", () => {
    const shuffled = new Rng(7).shuffle(windows);
    const n = shuffled.length;
    const leaky = { train: shuffled.slice(0, Math.round(0.7 * n)), validation: shuffled.slice(Math.round(0.7 * n), Math.round(0.8 * n)), test: shuffled.slice(Math.round(0.8 * n)) };
    const r = checkSplitLeakage(leaky, { sequenceOf: seqOf, allowDuplicates: true });
    expect(r.ok).toBe(false);
    expect(r.counts["shared-line"]).toBeGreaterThan(0);
    expect(r.counts.order).toBeGreaterThan(0);
    expect(r.violations[0]!.detail).toMatch(/a\.log:\d+ is in (train|validation|test) and in (train|validation|test)/);
  });

  it("detects a window that crosses a boundary even without shared lines", () => {
    const w = lineWindows(events);
    const r = checkSplitLeakage({ train: [...w.slice(0, 50), w[150]!], validation: [], test: w.slice(100, 150) });
    expect(r.ok).toBe(false);
    expect(r.counts.order).toBe(50);
    expect(r.counts["shared-line"]).toBe(0);
  });

  it("keeps full counts but a bounded list of examples", () => {
    const w = lineWindows(events);
    const r = checkSplitLeakage({ train: w, validation: [], test: w }, { maxExamples: 3 });
    expect(r.counts["shared-line"]).toBe(200);
    expect(r.violations.filter((v) => v.kind === "shared-line").length).toBe(3);
  });
});
