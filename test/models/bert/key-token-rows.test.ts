import { describe, expect, it } from "vitest";
import { distinctSessionIndex, DIST_TOKEN, FIRST_KEY_TOKEN, keyTokenRows, UNK_TOKEN } from "../../../lib/models/bert/key-token-rows.js";
import { SequenceVocabulary } from "../../../lib/models/sequence/sequence-vocabulary.js";

describe("keyTokenRows", () => {
  const vocab = SequenceVocabulary.fit([[7, 3, 9]]);
  it("maps keys to 5 + vocabulary index after [DIST], unknown keys to [UNK]", () => {
    const [row] = keyTokenRows([3, 9, 42], vocab, 10, 0);
    expect(Array.from(row!.tokens)).toEqual([DIST_TOKEN, FIRST_KEY_TOKEN + 0, FIRST_KEY_TOKEN + 2, UNK_TOKEN]);
    expect(row!.extra).toBeNull();
  });
  it("cuts long sessions into rows of maxLength − 1 keys, each key in exactly one row; severities shift by one", () => {
    const rows = keyTokenRows([3, 7, 9, 3, 7], vocab, 3, 4, [1, 2, 3, 4, -1]);
    expect(rows.map((r) => r.start)).toEqual([0, 2, 4]);
    expect(rows.map((r) => r.tokens.length)).toEqual([3, 3, 2]);
    expect(rows.every((r) => r.session === 4 && r.tokens[0] === DIST_TOKEN)).toBe(true);
    expect(Array.from(rows[2]!.extra!)).toEqual([0, 0]);
    expect(Array.from(rows[0]!.extra!)).toEqual([0, 2, 3]);
    expect(keyTokenRows([], vocab, 3, 0)).toHaveLength(1);
    expect(() => keyTokenRows([3], vocab, 3, 0, [1, 2])).toThrow(/1 keys but 2 severities/);
  });
  it("groups identical sessions (and severities) with counts", () => {
    const d = distinctSessionIndex([[1, 2], [1, 2], [2, 1], [1, 2]], [[0, 0], [0, 0], [0, 0], [0, 4]]);
    expect(d.first).toEqual([0, 2, 3]);
    expect(d.counts).toEqual([2, 1, 1]);
    expect(Array.from(d.of)).toEqual([0, 0, 1, 2]);
  });
});
