import { describe, expect, it } from "vitest";
import { hdfsSyntheticLines } from "../../lib/data/synthetic-hdfs.js";
import { resolveFormat } from "../../lib/parse/formats/registry.js";
import { Rng } from "../../lib/runtime/rng.js";

// The synthetic HDFS log behind bench:scale: LogHub's HDFS format, blocks as sessions.
describe("hdfsSyntheticLines", () => {
  const lines = [...hdfsSyntheticLines(new Rng(7), { lines: 20_000, anomalyRatio: 0.1, openBlocks: 200 })];

  it("is seeded: the same seed gives the same lines, another seed others", () => {
    expect([...hdfsSyntheticLines(new Rng(7), { lines: 20_000, anomalyRatio: 0.1, openBlocks: 200 })].map((l) => l.text)).toEqual(lines.map((l) => l.text));
    expect([...hdfsSyntheticLines(new Rng(8), { lines: 100, anomalyRatio: 0.1 })].map((l) => l.text)).not.toEqual(lines.slice(0, 100).map((l) => l.text));
  });

  it("writes lines LogHub's HDFS format parses, each naming one block", () => {
    const hdfs = resolveFormat("HDFS");
    for (const l of lines) {
      expect(hdfs.parse(l.text), l.text).not.toBeNull();
      expect(l.text.match(/blk_-?\d+/g), l.text).toHaveLength(1);
    }
    expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i + 1));
  });

  it("gives every block one label, 13 lines when complete, an exception when anomalous, and interleaves blocks", () => {
    const blocks = new Map<string, { n: number; labels: Set<number>; exception: boolean; first: number; last: number }>();
    lines.forEach((l, i) => {
      const id = /blk_-?\d+/.exec(l.text)![0];
      const b = blocks.get(id) ?? { n: 0, labels: new Set<number>(), exception: false, first: i, last: i };
      b.n++;
      b.labels.add(l.label);
      b.exception ||= l.text.includes("Exception in receiveBlock");
      b.last = i;
      blocks.set(id, b);
    });
    const complete = [...blocks.values()].filter((b) => b.n === 13);
    expect(complete.length).toBeGreaterThan(1000);
    for (const b of blocks.values()) {
      expect(b.labels.size).toBe(1);
      expect(b.n).toBeLessThanOrEqual(13);
      if (b.n === 13) expect(b.exception).toBe(b.labels.has(1));
    }
    const anomalous = complete.filter((b) => b.labels.has(1)).length / complete.length;
    expect(anomalous).toBeGreaterThan(0.07);
    expect(anomalous).toBeLessThan(0.13);
    // About 200 blocks in flight: a block's lines spread over far more than its 13 lines.
    const spans = complete.map((b) => b.last - b.first).sort((a, b) => a - b);
    expect(spans[spans.length >> 1]!).toBeGreaterThan(500);
  });
});
