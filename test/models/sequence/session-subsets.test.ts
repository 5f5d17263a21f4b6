import { describe, expect, it } from "vitest";
import { normalSessions } from "../../../lib/models/sequence/session-subsets.js";

describe("normalSessions", () => {
  it("all sessions when unlabelled, else those labelled 0", () => {
    const sequences = [[1], [2], [3]];
    expect(normalSessions({ sequences })).toBe(sequences);
    expect(normalSessions({ sequences, labels: Uint8Array.of(0, 1, 0) })).toEqual([[1], [3]]);
    expect(normalSessions({ sequences, labels: Uint8Array.of(1, 1, 1) })).toEqual([]);
  });
  it("labels must align with the sessions", () => {
    expect(() => normalSessions({ sequences: [[1], [2]], labels: Uint8Array.of(0) })).toThrow("session set: 2 sequences but 1 labels");
  });
});
