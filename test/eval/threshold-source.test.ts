import { describe, expect, it } from "vitest";
import { describeThresholdSource } from "../../lib/eval/threshold-source.js";

describe("describeThresholdSource", () => {
  it("says where each kind of threshold came from", () => {
    expect(describeThresholdSource({ kind: "max-f1", validationSessions: 654 })).toBe("max F1 on 654 validation sessions");
    expect(describeThresholdSource({ kind: "max-fpr", fpr: 0.01, validationNormals: 480, rule: null })).toBe("lowest threshold with FPR ≤ 0.01 on 480 validation normals");
    expect(describeThresholdSource({ kind: "max-fpr", fpr: 0.01, validationNormals: 480, rule: "g = 9" })).toBe("g = 9 (FPR ≤ 0.01 on 480 validation normals)");
    expect(describeThresholdSource({ kind: "fixed", threshold: 2 })).toBe("fixed at 2");
    expect(describeThresholdSource({ kind: "model", threshold: 0.5 })).toBe("the model's own threshold (0.5)");
  });
});
