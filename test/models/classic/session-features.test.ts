import { describe, expect, it } from "vitest";
import { SessionFeatures } from "../../../lib/models/classic/session-features.js";

const train = [[1, 2, 2], [2, 3], [1, 1, 5]];

describe("SessionFeatures", () => {
  it("raw counts over the training keys (ascending) plus an out-of-vocabulary column", () => {
    const f = SessionFeatures.fit(train, { termWeighting: "none", normalization: "none", minCount: 1 });
    expect(f.vocabulary.keys).toEqual([1, 2, 3, 5]);
    const r = f.transform([[2, 2, 9, 9, 9], [5], [7]]);
    expect(r.rows.map((x) => Array.from(x))).toEqual([
      [0, 2, 0, 0, 3],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
    expect(r.oovSessions).toBe(2);
    expect(r.oovOccurrences).toBe(4);
  });

  it("minCount: keys in fewer training sessions go to the OOV column", () => {
    const f = SessionFeatures.fit(train, { termWeighting: "none", normalization: "none", minCount: 2 });
    expect(f.vocabulary.keys).toEqual([1, 2]);
    expect(Array.from(f.transform([[1, 3, 5]]).rows[0]!)).toEqual([1, 0, 1 + 1]);
  });

  it("tf-idf is fit on training sessions: a key in every training session weighs ln(N / N) = 0", () => {
    const f = SessionFeatures.fit([[1, 2], [1], [1, 3]], { termWeighting: "tf-idf", normalization: "none", minCount: 1 });
    const row = f.transform([[1, 2, 2]]).rows[0]!;
    expect(row[0]).toBeCloseTo(0, 6);
    expect(row[1]).toBeCloseTo(2 * Math.log(3 / 1), 6);
  });

  it("JSON round trip transforms identically", () => {
    const f = SessionFeatures.fit(train, { termWeighting: "tf-idf", normalization: "zero-mean", minCount: 1 });
    const back = SessionFeatures.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
    expect(back.transform([[1, 2, 9]])).toEqual(f.transform([[1, 2, 9]]));
  });
});
