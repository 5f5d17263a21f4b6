import { describe, expect, it } from "vitest";
import { completeLinkageClusters, cosineDistance, LogClustering } from "../../../lib/models/classic/log-clustering.js";

describe("complete linkage and cosine distance", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("complete linkage merges only within the distance cut", () => {
    const pts = [0, 0.1, 0.25, 5, 5.2];
    const ids = completeLinkageClusters(pts.length, (i, j) => Math.abs(pts[i]! - pts[j]!), 0.3);
    expect(Array.from(ids)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(completeLinkageClusters(3, (i, j) => Math.abs(pts[i]! - pts[j]!), 0.2))).toEqual([0, 0, 1]);
    expect(cosineDistance([1, 0], [2, 0])).toBe(0);
    expect(cosineDistance([1, 0], [0, 1])).toBeCloseTo(1, 6);
  });

  it("complete linkage uses the farthest pair: a chain of close neighbours is not one cluster", () => {
    // 0–1–2–3 each 0.2 apart: single linkage would join all at 0.25; complete linkage needs 0.6.
    const pts = [0, 0.2, 0.4, 0.6];
    const d = (i: number, j: number) => Math.abs(pts[i]! - pts[j]!);
    expect(new Set(completeLinkageClusters(4, d, 0.25)).size).toBe(2);
    expect(Array.from(completeLinkageClusters(4, d, 0.6))).toEqual([0, 0, 0, 0]);
    expect(Array.from(completeLinkageClusters(1, d, 0))).toEqual([0]);
    expect(Array.from(completeLinkageClusters(0, d, 1))).toEqual([]);
  });

  it("cosine distance of a zero vector is 1; opposite vectors are 2 apart", () => {
    expect(cosineDistance([0, 0], [1, 1])).toBeCloseTo(1, 12);
    expect(cosineDistance([1, 1], [-2, -2])).toBeCloseTo(2, 6);
  });
});

describe("LogClustering", () => {
  it("clusters the bootstrap rows offline, then adds rows online: join the nearest centroid (running mean) or start a cluster", () => {
    const lc = new LogClustering({ bootstrapSamples: 3, maxDist: 0.3, anomalyThreshold: 0.25 });
    // Bootstrap: [1,0] ×2 and [1,0.1] form one cluster; online: [0,1] starts one, [0.1,1] joins it.
    lc.fit([[1, 0], [1, 0], [1, 0.1], [0, 1], [0.1, 1]]);
    expect(lc.clusters).toBe(2);
    const j = lc.toJSON();
    expect(j.sizes).toEqual([3, 2]);
    expect(j.centroids[0]![0]).toBeCloseTo(1, 12);
    expect(j.centroids[0]![1]).toBeCloseTo(0.1 / 3, 12);
    expect(j.centroids[1]).toEqual([0.05, 1]);
    expect(lc.intrinsicThreshold).toBe(0.25);
    const s = lc.score([[0.05, 1], [1, -1]]);
    expect(s[0]).toBe(0);
    expect(s[1]).toBeCloseTo(cosineDistance([1, -1], j.centroids[0]!), 12);
  });

  it("JSON round trip keeps the scores; errors name what is wrong", () => {
    const lc = new LogClustering();
    lc.fit([[1, 0], [0, 1], [1, 1]]);
    expect(LogClustering.fromJSON(JSON.parse(JSON.stringify(lc.toJSON()))).score([[2, 1]])).toEqual(lc.score([[2, 1]]));
    expect(() => new LogClustering({ maxDist: 3 })).toThrow("log clustering: maxDist must be in [0, 2], got 3");
    expect(() => new LogClustering({ bootstrapSamples: 0 })).toThrow("log clustering: bootstrapSamples must be an integer >= 1");
    expect(() => new LogClustering().score([[1]])).toThrow("LogClustering: not fitted");
    expect(() => lc.score([[1]])).toThrow("LogClustering.score: rows have 1 columns, the model was fit on 2");
  });
});
