import { describe, expect, it } from "vitest";
import { templateVectors } from "../../lib/features/template-vectors.js";
import { cosine, WordVectors } from "../../lib/features/word-vectors.js";

// Moved from test/features/text-vectors.test.ts, plus hand-computed idf weights.
describe("templateVectors", () => {
  const wv = new WordVectors(["failed", "password", "block"], 2, Float32Array.from([1, 0, 0.8, 0.2, 0, 1]));
  it("averages the word vectors of each template; unknown words are listed", () => {
    const t = templateVectors(["Failed password for <*>", "Received block <*>", "<*>"], wv);
    expect(Array.from(t.vectors.subarray(0, 2)).map((x) => +x.toFixed(3))).toEqual([0.9, 0.1]);
    expect(Array.from(t.vectors.subarray(2, 4))).toEqual([0, 1]);
    expect(Array.from(t.vectors.subarray(4, 6))).toEqual([0, 0]);
    expect(t.coverage).toEqual([{ known: 2, total: 3 }, { known: 1, total: 2 }, { known: 0, total: 0 }]);
    expect([...t.missingWords.keys()].sort()).toEqual(["for", "received"]);
  });
  it("weights by idf", () => {
    const t = templateVectors(["failed password", "failed block"], wv, { weighting: "idf" });
    expect(cosine(t.vectors.subarray(0, 2), [0.8, 0.2])).toBeGreaterThan(cosine(t.vectors.subarray(0, 2), [1, 0]));
  });

  it("idf weight = ln((1 + n) / (1 + df)) + 1 over the given templates", () => {
    // n = 2; "failed" is in both templates (weight 1), "password" in one (weight ln(3/2) + 1).
    const t = templateVectors(["failed password", "failed block"], wv, { weighting: "idf" });
    const w = Math.log(3 / 2) + 1;
    expect(t.vectors[0]).toBeCloseTo((1 * 1 + w * 0.8) / (1 + w), 6);
    expect(t.vectors[1]).toBeCloseTo((w * 0.2) / (1 + w), 6);
    expect(t.dim).toBe(2);
  });

  it("a repeated word counts each time in the mean; missing words count once per template that uses them", () => {
    const t = templateVectors(["failed failed block", "unknown unknown", "unknown block"], wv);
    expect(t.vectors[0]).toBeCloseTo(2 / 3, 6);
    expect(t.vectors[1]).toBeCloseTo(1 / 3, 6);
    expect(t.coverage[0]).toEqual({ known: 3, total: 3 });
    expect(t.missingWords.get("unknown")).toBe(2);
  });
});
