import { describe, expect, it } from "vitest";
import { runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { detectionFindings, findingsMarkdown } from "../../../lib/experiments/detection/findings.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

describe("detectionFindings", () => {
  it("states the results' own numbers: best F1, repeats of training sessions, unseen-session F1, keyword baseline", async () => {
    const split = { train: syntheticSessions(150, 0.3, 1), validation: syntheticSessions(60, 0.3, 2), test: syntheticSessions(60, 0.3, 3) };
    const results = await runDetectionExperiment({ split, models: [{ model: "keyword" }, { model: "decision-tree" }], seed: 1 });
    const f = detectionFindings("toy", results);
    const best = results.reduce((a, b) => (b.test.all.f1 > a.test.all.f1 ? b : a));
    expect(f[0]).toContain(`the best test F1 is ${best.label}'s, ${best.test.all.f1.toFixed(3)}`);
    const u = best.test.unseen!;
    expect(f[1]).toContain(`${((100 * (60 - u.sessions)) / 60).toFixed(1)}% of the test sessions repeat a training session`);
    expect(f[1]).toContain(`F1 is ${u.f1.toFixed(3)}`);
    expect(f.join(" ")).toMatch(/keyword baseline|on unseen sessions/);
    expect(findingsMarkdown("Findings", ["a", "b"])).toBe("### Findings\n\n- a\n- b\n");
    expect(detectionFindings("none", [])).toEqual(["none: no models were run."]);
  });
});
