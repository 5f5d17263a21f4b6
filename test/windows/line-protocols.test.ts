import { describe, expect, it } from "vitest";
import { leaveOneSystemOutSplits, randomLineSplit, templateLineSplit } from "../../lib/windows/line-protocols.js";
import { buildLogClassDataset } from "../../lib/experiments/classic/log-class-experiment.js";
import { loadLabelledLogLines } from "../../lib/experiments/labelling/labelled-log-lines.js";

describe("line protocols", () => {
  const lines = loadLabelledLogLines({ maxLinesPerSystem: 100 });
  it("random split: a partition of all lines, 60/20/20", () => {
    const s = randomLineSplit(lines.y.length, 42);
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: lines.y.length }, (_, i) => i));
    expect(s.train.length).toBe(960);
  });
  it("template split: no test template in training, and the same parts as notebook 05's buildLogClassDataset", () => {
    const s = templateLineSplit(lines.group, 42);
    const trainGroups = new Set(Array.from(s.train, (i) => lines.group[i]));
    expect(Array.from(s.test).some((i) => trainGroups.has(lines.group[i]!))).toBe(false);
    const nb05 = buildLogClassDataset({ seed: 42, maxLinesPerSystem: 100, maxTokens: 20 });
    expect(Array.from(s.test, (i) => lines.group[i])).toEqual(nb05.test.groups);
    expect(Array.from(s.train, (i) => lines.group[i])).toEqual(nb05.train.groups);
    expect(Array.from(s.test, (i) => lines.y[i])).toEqual(Array.from(nb05.test.y));
  });
  it("leave one system out: one split per system, its lines only in test, validation by template", () => {
    const splits = leaveOneSystemOutSplits(lines.systemOf, lines.group, 42);
    expect(splits).toHaveLength(16);
    for (const s of splits) {
      expect(Array.from(s.test).every((i) => lines.systemOf[i] === s.heldOut)).toBe(true);
      expect(s.test.length).toBe(100);
      expect([...s.train, ...s.validation].some((i) => lines.systemOf[i] === s.heldOut)).toBe(false);
      const trainGroups = new Set(Array.from(s.train, (i) => lines.group[i]));
      expect(Array.from(s.validation).some((i) => trainGroups.has(lines.group[i]!))).toBe(false);
      expect(s.train.length + s.validation.length).toBe(1500);
    }
  });
});
