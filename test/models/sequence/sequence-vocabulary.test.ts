import { describe, expect, it } from "vitest";
import { SequenceVocabulary } from "../../../lib/models/sequence/sequence-vocabulary.js";

describe("SequenceVocabulary", () => {
  it("the documented example: keys ascending, input 0 = pad, 1…V = keys, V + 1 = unknown; outputs 0…V − 1", () => {
    const v = SequenceVocabulary.fit([[5, 22, 5], [11]]);
    expect(v.keys).toEqual([5, 11, 22]);
    expect(v.size).toBe(3);
    expect(v.inputDim).toBe(5);
    expect(v.unknownIndex).toBe(4);
    expect(SequenceVocabulary.PAD).toBe(0);
    expect([5, 11, 22, 99].map((k) => v.inputIndex(k))).toEqual([1, 2, 3, 4]);
    expect([5, 11, 22, 99].map((k) => v.outputIndex(k))).toEqual([0, 1, 2, -1]);
    expect(v.has(11)).toBe(true);
    expect(v.has(12)).toBe(false);
  });

  it("knowsAll is true only when every key of a sequence is known (an empty sequence is)", () => {
    const v = SequenceVocabulary.fit([[1, 2]]);
    expect(v.knowsAll([2, 1, 1])).toBe(true);
    expect(v.knowsAll([1, 3])).toBe(false);
    expect(v.knowsAll([])).toBe(true);
  });

  it("JSON round trip; a foreign or broken JSON is refused", () => {
    const v = SequenceVocabulary.fit([[3, 1], [2]]);
    const json = JSON.parse(JSON.stringify(v.toJSON()));
    expect(json).toEqual({ format: "loglab.sequence-vocabulary", version: 1, keys: [1, 2, 3] });
    expect(SequenceVocabulary.fromJSON(json).inputIndex(3)).toBe(3);
    expect(() => SequenceVocabulary.fromJSON({ ...json, version: 2 })).toThrow("not a loglab sequence vocabulary v1 (format loglab.sequence-vocabulary, version 2)");
    expect(() => SequenceVocabulary.fromJSON(null as never)).toThrow(/not a loglab sequence vocabulary v1 \(format undefined/);
    expect(() => SequenceVocabulary.fromJSON({ ...json, keys: [1, 1] })).toThrow("SequenceVocabulary: duplicate keys");
  });

  it("training sessions without any key are an error", () => {
    expect(() => SequenceVocabulary.fit([[], []])).toThrow("SequenceVocabulary.fit: the training sessions hold no keys");
  });
});
