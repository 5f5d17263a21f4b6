import { describe, expect, it } from "vitest";
import { parseCsvRows } from "../../../lib/io/csv.js";
import { triageQueue, triageQueueCsv, type TriageLine } from "../../../lib/models/ensemble/triage-queue.js";

const line = (key: number, session: number, score: number, trainCount: number, rule = "frequent: lstm"): TriageLine => ({ key, session, ref: `logs/a.log:${session * 10 + key}`, text: `line of key ${key}`, score, trainCount, rule });

describe("the triage queue", () => {
  const lines = [line(1, 0, 2, 1000), line(1, 1, 3, 1000), line(1, 1, 2.5, 1000), line(1, 2, 1.5, 1000, "frequent: logbert"), line(7, 3, 3, 0, "rare: cosine > watch cutoff"), line(4, 4, 1.2, 5)];
  const q = triageQueue(lines, { trainingLines: 10_000, templates: new Map([[1, "Receiving block <*>"]]) });

  it("groups lines by template with count, sessions, scores and rarity", () => {
    expect(q).toHaveLength(3);
    const g1 = q.find((g) => g.key === 1)!;
    expect(g1).toMatchObject({ key: 1, template: "Receiving block <*>", count: 4, sessions: 3, maxScore: 3, trainCount: 1000, rules: "frequent: lstm=3; frequent: logbert=1" });
    expect(g1.meanScore).toBeCloseTo(9 / 4, 10);
    expect(q.reduce((a, g) => a + g.count, 0)).toBe(lines.length);
  });

  it("ranks by score and rarity: a never-seen template with the same max score comes first", () => {
    expect(q.map((g) => g.key)).toEqual([7, 1, 4]);
    expect(q.map((g) => g.rank)).toEqual([1, 2, 3]);
    expect(q[0]!.priority).toBeGreaterThan(q[1]!.priority);
    // with equal rarity the higher score wins
    const q2 = triageQueue([line(2, 0, 1.5, 10), line(3, 0, 4, 10)], { trainingLines: 100 });
    expect(q2.map((g) => g.key)).toEqual([3, 2]);
  });

  it("keeps up to 3 distinct example lines, highest score first, with file:line", () => {
    const g1 = q.find((g) => g.key === 1)!;
    expect(g1.examples.map((e) => e.ref)).toEqual(["logs/a.log:11", "logs/a.log:1", "logs/a.log:21"]);
    expect(g1.examples[0]).toEqual({ ref: "logs/a.log:11", text: "line of key 1", score: 3 });
  });

  it("writes CSV a reader can parse back", () => {
    const rows = parseCsvRows(triageQueueCsv(q));
    expect(rows[0]).toEqual(["rank", "key", "template", "count", "sessions", "mean_score", "max_score", "train_count", "priority", "rules", "example_1", "example_2", "example_3"]);
    expect(rows).toHaveLength(4);
    expect(rows[2]![2]).toBe("Receiving block <*>");
    expect(rows[2]![10]).toBe("logs/a.log:11: line of key 1");
  });
});
