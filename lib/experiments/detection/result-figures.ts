import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resultsPath } from "../../runtime/project.js";
import type { AnyDetectionResult } from "./detection-experiment.js";

/** A model's test scores with labels and threshold, as `scoreHistogramFigure` draws them. */
export type ScoreSeries = { name: string; labels: ArrayLike<number>; scores: ArrayLike<number>; threshold: number; kind: "score" | "rank" };

/**
 * Each model's test scores split by class, with its validation-chosen threshold, for
 * `scoreHistogramFigure`. Next-key models (the registry's `next-key` family: DeepLog, dual LSTM)
 * score ranks, drawn as whole ranks.
 */
export function scoreHistogramSeriesOf(results: readonly AnyDetectionResult[], labels: ArrayLike<number>): ScoreSeries[] {
  return results.map((r) => ({ name: r.label, labels, scores: r.testScores, threshold: r.threshold, kind: r.family === "next-key" ? "rank" : "score" }));
}

/** One model on one dataset for the leaderboard figure (`leaderboardFigure` takes these). */
export type LeaderboardEntryRow = { model: string; dataset: string; f1: number | null; source: string };

/**
 * Leaderboard entries of an experiment: each model's test F1 over all sessions, or over the
 * sessions never seen in training (`metric: "unseen"`), labelled with where it comes from.
 *
 * @example
 * run.json("leaderboard.json", leaderboardEntries("HDFS", hdfsResults, "05 classic"));
 */
export function leaderboardEntries(dataset: string, results: readonly AnyDetectionResult[], source: string, metric: "all" | "unseen" = "all"): LeaderboardEntryRow[] {
  return results.map((r) => ({ model: r.label, dataset, f1: metric === "all" ? r.test.all.f1 : (r.test.unseen?.f1 ?? null), source }));
}

/** The file a notebook's leaderboard entries are saved to (`results/<notebook>/leaderboard.json`, and `leaderboard-unseen.json`). */
export const LEADERBOARD_FILES = { all: "leaderboard.json", unseen: "leaderboard-unseen.json" } as const;

/** A saved leaderboard file: the entries and the profile they were run in (smoke numbers never mix with full ones). */
export interface LeaderboardFile {
  format: "loglab.leaderboard";
  profile: string;
  entries: LeaderboardEntryRow[];
}

/** What a notebook saves as its leaderboard file (`run.json(LEADERBOARD_FILES.all, leaderboardFile(entries, profile))`). */
export function leaderboardFile(entries: readonly LeaderboardEntryRow[], profile: string): LeaderboardFile {
  return { format: "loglab.leaderboard", profile, entries: [...entries] };
}

/**
 * The leaderboard entries every model notebook (05–07 by default) saved in its results folder in
 * the same profile, so one figure compares them all; notebooks that have not run yet (or ran in
 * another profile) are listed as missing.
 *
 * @example
 * const board = loadLeaderboardEntries({ profile: config.profile });
 * await run.figure(leaderboardFigure(board.entries), "leaderboard");
 */
export function loadLeaderboardEntries(options: { profile: string; metric?: "all" | "unseen"; notebooks?: RegExp; dir?: string }): { entries: LeaderboardEntryRow[]; read: string[]; missing: string[] } {
  const dir = options.dir ?? resultsPath();
  const pattern = options.notebooks ?? /^0[5-7]-/;
  const file = LEADERBOARD_FILES[options.metric ?? "all"];
  const entries: LeaderboardEntryRow[] = [];
  const read: string[] = [];
  const missing: string[] = [];
  const folders = existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).sort() : [];
  for (const nb of folders) {
    const path = join(dir, nb, file);
    if (!existsSync(path)) {
      missing.push(nb);
      continue;
    }
    const saved = JSON.parse(readFileSync(path, "utf8")) as LeaderboardFile;
    if (saved.format !== "loglab.leaderboard" || !Array.isArray(saved.entries)) throw new Error(`${path}: not a loglab leaderboard file`);
    if (saved.profile !== options.profile) {
      missing.push(`${nb} (${saved.profile} profile)`);
      continue;
    }
    entries.push(...saved.entries);
    read.push(nb);
  }
  return { entries, read, missing };
}
