import { describe, expect, it } from "vitest";
import { fitSessions, fitSetOf, labelOf } from "../../../lib/experiments/detection/experiment-model.js";

const train = { sequences: [[1], [2], [3]], labels: Uint8Array.of(0, 1, 0) };

describe("the one fit-set rule", () => {
  it("takes the registry entry's fit set unless the experiment overrides it", () => {
    expect(fitSetOf({ model: "pca" })).toBe("normals");
    expect(fitSetOf({ model: "iforest-ae" })).toBe("unlabelled");
    expect(fitSetOf({ model: "decision-tree" })).toBe("labelled");
    expect(fitSetOf({ model: "deeplog" })).toBe("normals");
    expect(fitSetOf({ model: "iforest", fitSet: "unlabelled" })).toBe("unlabelled");
  });

  it("refuses overrides that contradict the supervision", () => {
    expect(() => fitSetOf({ model: "decision-tree", fitSet: "unlabelled" })).toThrow(/"decision-tree" is supervised and fits on the labelled training part, not "unlabelled"/);
    expect(() => fitSetOf({ model: "pca", label: "my pca", fitSet: "labelled" })).toThrow(/my pca: "pca" is unsupervised: it fits on "normals" or "unlabelled" sessions, not "labelled"/);
    expect(() => fitSetOf({ model: "deeplog", fitSet: "unlabelled" })).toThrow(/semi-supervised: it fits on normal sessions only/);
  });

  it("gives each fit set's sessions: normals, all with labels, all without", () => {
    expect(fitSessions("normals", train)).toEqual({ sequences: [[1], [3]] });
    expect(fitSessions("labelled", train)).toBe(train);
    expect(fitSessions("unlabelled", train)).toEqual({ sequences: train.sequences });
    expect(labelOf({ model: "pca" })).toBe("pca");
    expect(labelOf({ model: "pca", label: "PCA" })).toBe("PCA");
  });
});
