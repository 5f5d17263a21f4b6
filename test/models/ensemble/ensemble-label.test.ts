import { describe, expect, it } from "vitest";
import { labelEvent, labelSession, type EnsembleThresholds, type EventEvidence } from "../../../lib/models/ensemble/ensemble-label.js";

const t: EnsembleThresholds = { lstmG: 5, bertG: 6, watchCutoff: 0.1, dangerCutoff: 0.3 };
const freq = (lstmRank: number, bertRank: number): EventEvidence => ({ part: "frequent", lstmRank, bertRank, distance: null });
const rare = (distance: number): EventEvidence => ({ part: "rare", lstmRank: 99, bertRank: 99, distance });

describe("the ensemble's line rule", () => {
  it("frequent lines: both flag → Danger, one → Watch Out, none → Normal", () => {
    expect(labelEvent(freq(9, 12), t)).toEqual({ label: "Danger", rule: "frequent: lstm+logbert", score: 2 });
    expect(labelEvent(freq(9, 1), t)).toMatchObject({ label: "Watch Out", rule: "frequent: lstm" });
    expect(labelEvent(freq(1, 7), t)).toMatchObject({ label: "Watch Out", rule: "frequent: logbert" });
    expect(labelEvent(freq(5, 6), t)).toMatchObject({ label: "Normal", rule: "frequent: none" }); // rank = g is inside the top g
    expect(labelEvent(freq(0, 0), t)).toMatchObject({ label: "Normal", score: 0 }); // no prediction is no flag
  });

  it("frequent lines: the score is how far past its threshold the worse model is", () => {
    expect(labelEvent(freq(10, 3), t).score).toBe(2);
    expect(labelEvent(freq(1, 12), t).score).toBe(2);
    expect(labelEvent(freq(1, 3), t).score).toBe(0.5);
  });

  it("rare lines: only the cosine distance decides (the ranks do not)", () => {
    expect(labelEvent(rare(0.05), t)).toMatchObject({ label: "Normal", rule: "rare: cosine within cutoff" });
    expect(labelEvent(rare(0.1), t)).toMatchObject({ label: "Normal" }); // at the cutoff: not past it
    expect(labelEvent(rare(0.2), t)).toMatchObject({ label: "Watch Out", rule: "rare: cosine > watch cutoff" });
    expect(labelEvent(rare(0.2), t).score).toBeCloseTo(0.201 / 0.101, 10);
    expect(labelEvent(rare(0.1), t).score).toBe(1); // at the cutoff: score 1, not past it
    expect(labelEvent(rare(0.001), { ...t, watchCutoff: 0, dangerCutoff: 0 })).toMatchObject({ label: "Danger", score: 2 }); // a zero cutoff gives finite scores
    expect(labelEvent(rare(0.31), t)).toMatchObject({ label: "Danger", rule: "rare: cosine > danger cutoff" });
    expect(labelEvent({ part: "rare", lstmRank: 0, bertRank: 0, distance: 0.5 }, t).label).toBe("Danger");
  });

  it("a template never seen in training is at least Watch Out; past the danger cutoff it is Danger", () => {
    const unseen = (distance: number): EventEvidence => ({ ...rare(distance), unseen: true });
    expect(labelEvent(unseen(0.01), t)).toMatchObject({ label: "Watch Out", rule: "rare: never seen in training" });
    expect(labelEvent(unseen(0.01), t).score).toBeGreaterThan(1); // flagged: ranks past every unflagged line
    expect(labelEvent(unseen(0.2), t)).toMatchObject({ label: "Watch Out", rule: "rare: cosine > watch cutoff" });
    expect(labelEvent(unseen(0.5), t)).toMatchObject({ label: "Danger", rule: "rare: cosine > danger cutoff" });
    expect(labelEvent({ ...rare(0.01), unseen: false }, t).label).toBe("Normal");
  });

  it("a session is as bad as its worst line, and names that line's rule", () => {
    const v = [freq(1, 1), freq(9, 1), rare(0.5), freq(9, 9)].map((e) => labelEvent(e, t));
    const s = labelSession(v);
    expect(s).toMatchObject({ label: "Danger", rule: "rare: cosine > danger cutoff", position: 2, danger: 2, watchOut: 1, normal: 1 });
    expect(labelSession([freq(1, 1), freq(1, 9)].map((e) => labelEvent(e, t)))).toMatchObject({ label: "Watch Out", position: 1 });
    expect(labelSession([])).toMatchObject({ label: "Normal", rule: null, position: -1 });
  });
});
