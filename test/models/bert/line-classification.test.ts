import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loghubLogPath } from "../../../lib/data/loghub-2k.js";
import { BertLineClassifier } from "../../../lib/models/bert/bert-line-classifier.js";
import { classifyLogLines } from "../../../lib/models/bert/line-classification.js";
import { tinyEncoder } from "./text-encoder-fixtures.js";

describe("classifyLogLines", () => {
  it("detects the format, mines templates, and gives every line a class, confidence and probabilities; bad headers are rejected", async () => {
    const { encoder, lines } = await tinyEncoder();
    const clf = await BertLineClassifier.fit("bert-lora", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 1, classes: lines.classes, params: { epochs: 1, headUnits: 8, patience: 0 } });
    const raw = readFileSync(loghubLogPath("OpenSSH"), "utf8").split("\n").slice(0, 30);
    const r = classifyLogLines(clf, [...raw, "this is not an OpenSSH line"]);
    expect(r.logType).toBe("OpenSSH");
    expect(r.lines).toHaveLength(30);
    expect(r.rejects).toEqual([{ file: "input", lineNo: 31, reason: expect.stringMatching(/header does not match/) }]);
    const first = r.lines[0]!;
    expect(first.lineNo).toBe(1);
    expect(first.template).toContain("<*>");
    expect(Object.keys(first.probabilities)).toEqual([...lines.classes]);
    expect(first.confidence).toBe(Math.max(...Object.values(first.probabilities)));
    expect(first.probabilities[first.class]).toBe(first.confidence);
    const one = classifyLogLines(clf, [raw[1]!], { format: "OpenSSH", firstLineNo: 7 });
    expect(one.lines[0]!.lineNo).toBe(7);
    expect(one.lines[0]!.class).toBe(r.lines[1]!.class);
    clf.dispose();
  }, 60_000);
});
