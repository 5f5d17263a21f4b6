import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { leaderboardEntries, leaderboardFile, loadLeaderboardEntries, scoreHistogramSeriesOf } from "../../../lib/experiments/detection/result-figures.js";
import { leaderboardFigure } from "../../../lib/plots/leaderboard.js";
import { scoreHistogramFigure } from "../../../lib/plots/score-histogram.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-board-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const split = { train: syntheticSessions(100, 0.3, 1), validation: syntheticSessions(40, 0.3, 2), test: syntheticSessions(40, 0.3, 3) };

describe("figures from results", () => {
  it("score histograms take each model's test scores, labels and validation threshold", async () => {
    const results = await runDetectionExperiment({ split, models: [{ model: "pca" }, { model: "keyword" }], seed: 1 });
    const series = scoreHistogramSeriesOf(results, split.test.labels);
    expect(series.map((s) => [s.name, s.threshold, s.kind])).toEqual(results.map((r) => [r.label, r.threshold, "score"]));
    expect(scoreHistogramFigure(series).data.length).toBeGreaterThan(0);
    const entries = leaderboardEntries("toy", results, "05 classic");
    expect(entries[0]).toEqual({ model: "pca", dataset: "toy", f1: results[0]!.test.all.f1, source: "05 classic" });
    expect(leaderboardEntries("toy", results, "05", "unseen")[1]!.f1).toBe(results[1]!.test.unseen!.f1);
    expect(leaderboardFigure(entries).data.length).toBeGreaterThan(0);
  });

  it("the leaderboard reads every model notebook's saved entries of the same profile", () => {
    const save = (nb: string, profile: string, model: string) => {
      mkdirSync(join(dir, nb), { recursive: true });
      writeFileSync(join(dir, nb, "leaderboard.json"), JSON.stringify(leaderboardFile([{ model, dataset: "HDFS", f1: 0.5, source: nb }], profile)));
    };
    save("05-classic-models", "smoke", "pca");
    save("06-sequence-models", "full", "deeplog");
    mkdirSync(join(dir, "07-bert"), { recursive: true });
    mkdirSync(join(dir, "03-eda"), { recursive: true });
    const board = loadLeaderboardEntries({ profile: "smoke", dir });
    expect(board.entries.map((e) => e.model)).toEqual(["pca"]);
    expect(board.read).toEqual(["05-classic-models"]);
    expect(board.missing).toEqual(["06-sequence-models (full profile)", "07-bert"]);
    writeFileSync(join(dir, "05-classic-models", "leaderboard.json"), "[]");
    expect(() => loadLeaderboardEntries({ profile: "smoke", dir })).toThrow(/not a loglab leaderboard file/);
  });
});
