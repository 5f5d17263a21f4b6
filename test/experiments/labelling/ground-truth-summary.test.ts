import { describe, expect, it } from "vitest";
import { groundTruthSummary } from "../../../lib/experiments/labelling/ground-truth-summary.js";

describe("groundTruthSummary", () => {
  it("covers every shipped label source", async () => {
    const s = await groundTruthSummary();
    const byFile = new Map(s.rows.map((r) => [r.file, r]));
    expect(byFile.get("data/loghub-2k/BGL/BGL_2k.log")!.anomalous).toBe(143);
    expect(byFile.get("data/hdfs-deeplog/hdfs_train")!.distinct).toBe(839);
    expect(byFile.get("data/bgl-afalog/pool/unlabeled_samples_abnormal")!.anomalous).toBe(5478);
    expect(s.alertCategories.filter((c) => c.dataset === "loghub-2k BGL").length).toBe(13);
    if (!s.rows.some((r) => r.unit === "block")) expect(s.notes.join(" ")).toMatch(/anomaly_label\.csv/);
  });
});
