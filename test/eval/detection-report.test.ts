import { describe, expect, it } from "vitest";
import { detectionReport, seenSessions } from "../../lib/eval/detection-report.js";

describe("detectionReport", () => {
  it("counts all sessions and distinct (sequence, label) pairs separately", () => {
    const seqs = [[1, 2], [1, 2], [1, 2], [3], [4]];
    const labels = [0, 0, 0, 1, 1];
    const scores = [0.9, 0.9, 0.9, 0.8, 0.1]; // the repeated normal session is a false positive three times
    const r = detectionReport(seqs, labels, scores, 0.5);
    expect(r.all).toMatchObject({ tp: 1, fp: 3, fn: 1, tn: 0, sessions: 5, normal: 3, abnormal: 2 });
    expect(r.distinct).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 0, sessions: 3 });
    expect(r.all.precision).toBeCloseTo(0.25, 12);
    expect(r.distinct.precision).toBeCloseTo(0.5, 12);
  });
});

describe("detectionReport unseen view", () => {
  it("counts only sessions whose sequence never occurs in training", () => {
    const seqs = [[1, 2], [1, 2], [3], [4], [5]];
    const labels = [0, 0, 1, 1, 0];
    const scores = [0.9, 0.9, 0.8, 0.1, 0.2];
    const r = detectionReport(seqs, labels, scores, 0.5, seenSessions([[1, 2], [4], [9]]));
    expect(r.unseen).toMatchObject({ sessions: 2, normal: 1, abnormal: 1, tp: 1, fp: 0, fn: 0, tn: 1 });
    expect(r.all).toMatchObject({ sessions: 5, tp: 1, fp: 2, fn: 1 });
    expect(detectionReport(seqs, labels, scores, 0.5).unseen).toBeNull();
    const none = detectionReport(seqs, labels, scores, 0.5, seenSessions(seqs)).unseen!;
    expect(none).toMatchObject({ sessions: 0, precision: 0, recall: 0 });
  });
});
