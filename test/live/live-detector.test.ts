import { describe, expect, it } from "vitest";
import { EventKeyMap } from "../../lib/features/event-key-map.js";
import { LiveDetector, type LiveReject } from "../../lib/live/live-detector.js";
import type { Detector, SessionSet } from "../../lib/models/detector.js";
import { TemplateMiner } from "../../lib/parse/drain/template-miner.js";
import { RecordReader, resolveParseSetup } from "../../lib/parse/log-parser.js";
import { sessionIdReader } from "../../lib/windows/session-rule.js";
import { anomalousSession, normalSession } from "./hdfs-lines.js";

/** Scores a session by its share of keys outside the 5 "trained" ones (a stand-in model: the pipeline is under test here). */
const fakeModel = { name: "fake", score: async (x: SessionSet) => Float64Array.from(x.sequences.map((s) => s.filter((k) => k > 5).length / s.length)), dispose: () => {} } as unknown as Detector<SessionSet>;

describe("LiveDetector", () => {
  it("keys lines by the state's templates, groups them by id, scores closed sessions, counts rejects and lines in no session", async () => {
    const s = resolveParseSetup("HDFS");
    const miner = new TemplateMiner(s.minerConfig);
    const reader = new RecordReader(s.format, "live.log");
    const keys = new EventKeyMap();
    for (const [i, l] of normalSession("blk_0", 0).entries()) {
      const r = reader.read(l, i + 1);
      if (typeof r === "string") throw new Error(r);
      const m = miner.add(r.content);
      keys.keyOf(m.templateId, m.template);
    }
    const templatesBefore = miner.templates().length;
    const rejects: LiveReject[] = [];
    const live = new LiveDetector({ reader, miner, keys, rule: sessionIdReader({ idPattern: /blk_-?\d+/g }), grouping: { kind: "session" }, detector: fakeModel, threshold: 0.5 }, (r) => rejects.push(r));
    const lines = [...normalSession("blk_1", 10), ...anomalousSession("blk_-2", 10), "garbage", "081109 201000 35 INFO dfs.FSNamesystem: no block named here"];
    live.addLines("live.log", lines.map((text, i) => ({ lineNo: i + 1, text })));
    expect(live.openSessions).toBe(2);
    expect(await live.scoreClosed()).toEqual([]);
    live.end();
    const scored = await live.scoreClosed();
    expect(scored.map((x) => [x.id, x.anomalous])).toEqual([["blk_1", false], ["blk_-2", true]]);
    expect(scored[0]!.keys.every((k) => k <= 5)).toBe(true);
    expect(scored[0]!.outOfVocabulary).toBe(0);
    expect(scored[1]!.outOfVocabulary).toBeGreaterThan(0);
    expect(scored[1]!.lines.map((l) => l.text)).toEqual(anomalousSession("blk_-2", 10));
    expect(rejects.map((r) => [r.lineNo, r.kind])).toEqual([[21, "rejected"], [22, "unplaced"]]);
    expect(live.counts).toMatchObject({ lines: 22, parsed: 21, rejected: 1, unplaced: 1, sessionsScored: 2, anomalies: 1 });
    // Unknown lines were mined into the state; known templates were only matched.
    expect(live.counts.newTemplates).toBeGreaterThan(0);
    expect(miner.templates().length).toBeGreaterThan(templatesBefore);
  });

  it("a NaN score is an error naming the session and its first line", async () => {
    const s = resolveParseSetup("HDFS");
    const nanModel = { score: async (x: SessionSet) => new Float64Array(x.sequences.length).fill(NaN), dispose: () => {} } as unknown as Detector<SessionSet>;
    const live = new LiveDetector({ reader: new RecordReader(s.format, "x.log"), miner: new TemplateMiner(s.minerConfig), keys: new EventKeyMap(), rule: null, grouping: { kind: "count", size: 2 }, detector: nanModel, threshold: 0 });
    live.addLines("x.log", normalSession("blk_1", 0).slice(0, 2).map((text, i) => ({ lineNo: i + 1, text })));
    await expect(live.scoreClosed()).rejects.toThrow(/NaN for session count:0 \(x\.log:1\)/);
  });
});

describe("LiveDetector with count windows", () => {
  it("counts the lines a longer step leaves between windows as in no session", async () => {
    const s = resolveParseSetup("HDFS");
    const model = { score: async (x: SessionSet) => new Float64Array(x.sequences.length), dispose: () => {} } as unknown as Detector<SessionSet>;
    const rejects: LiveReject[] = [];
    const live = new LiveDetector({ reader: new RecordReader(s.format, "x.log"), miner: new TemplateMiner(s.minerConfig), keys: new EventKeyMap(), rule: null, grouping: { kind: "count", size: 2, step: 3 }, detector: model, threshold: 0 }, (r) => rejects.push(r));
    live.addLines("x.log", normalSession("blk_1", 0).slice(0, 7).map((text, i) => ({ lineNo: i + 1, text })));
    live.end();
    expect((await live.scoreClosed()).map((x) => x.lines.map((l) => l.lineNo))).toEqual([[1, 2], [4, 5], [7]]);
    expect(rejects.map((r) => [r.lineNo, r.kind])).toEqual([[3, "unplaced"], [6, "unplaced"]]);
    expect(live.counts).toMatchObject({ lines: 7, parsed: 7, unplaced: 2 });
  });
});
