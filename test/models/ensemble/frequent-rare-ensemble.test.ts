import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogBert, LOGBERT_SEVERITY_DEFAULTS } from "../../../lib/models/bert/logbert.js";
import { FrequentRareEnsemble } from "../../../lib/models/ensemble/frequent-rare-ensemble.js";
import { DualLstm, DUAL_LSTM_DEFAULTS } from "../../../lib/models/sequence/dual-lstm.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { brokenSessions, cycleSessions } from "../sequence/model-fixtures.js";

// Normal sessions cycle 1→2→3→4→5 with a detour 3→6→4 (key 6 is the rare template); anomalies shuffle the cycle and hold key 7 (never seen).
describe("FrequentRareEnsemble", () => {
  const train = { sequences: cycleSessions(80, 1, 12, 6) };
  const validation = { sequences: cycleSessions(30, 2, 12, 6) };
  const test = { sequences: [...cycleSessions(20, 3, 12, 6), ...brokenSessions(20, 4)] };
  const lstm = new DualLstm({ ...DUAL_LSTM_DEFAULTS, rareShare: 0.1, window: 3, rareWindow: 1, layers: 1, hiddenUnits: 16, embeddingDim: 8, epochs: 15, learningRate: 0.02 }, new Rng(4));
  const bert = new LogBert({ ...LOGBERT_SEVERITY_DEFAULTS, hiddenSize: 16, blocks: 1, heads: 2, ffnDim: 32, maxLength: 24, dropout: 0, epochs: 30, batchSize: 16, learningRate: 5e-3, warmupSteps: 5, earlyStoppingPatience: 0 }, new Rng(5));
  let ens: FrequentRareEnsemble;

  beforeAll(async () => {
    await selectBackend();
    await lstm.fit(train);
    await bert.fit(train);
    ens = await FrequentRareEnsemble.calibrate(lstm, bert, train, validation, { seed: 3 });
  }, 90_000);
  afterAll(() => {
    lstm.dispose();
    bert.dispose();
  });

  it("the dual LSTM's per-line ranks are its session score, line by line", async () => {
    const scores = await lstm.score(test);
    const ranks = lstm.positionRanks(test);
    ranks.forEach((r, i) => expect(Math.max(0, ...r)).toBe(scores[i]));
    expect(lstm.partOf(6)).toBe("rare");
    expect(lstm.partOf(1)).toBe("frequent");
    expect(lstm.partOf(7)).toBe("unseen");
  });

  it("judges every line: frequent lines by the two models' ranks, rare and unseen ones by cosine distance", () => {
    const r = ens.judge(test);
    expect(r.sessions).toHaveLength(test.sequences.length);
    expect(r.lines).toHaveLength(test.sequences.reduce((a, s) => a + s.length, 0));
    for (const l of r.lines) {
      const key = test.sequences[l.session]![l.position]!;
      expect(l.key).toBe(key);
      if (key === 7) expect(l).toMatchObject({ part: "rare", trainCount: 0 });
      if (l.part === "rare") expect(l.distance).not.toBeNull();
      else expect(l.distance).toBeNull();
    }
    expect(r.lines.find((l) => l.key === 6)!.trainCount).toBe(train.sequences.flat().filter((k) => k === 6).length);
  });

  it("flags the broken sessions far more than the normal ones", () => {
    const r = ens.judge(test);
    const flagged = (from: number, to: number) => r.sessions.slice(from, to).filter((s) => s.label !== "Normal").length;
    expect(flagged(20, 40)).toBeGreaterThanOrEqual(15);
    expect(flagged(0, 20)).toBeLessThanOrEqual(5);
  });

  it("chooses its thresholds on validation only, reproducibly", async () => {
    const again = await FrequentRareEnsemble.calibrate(lstm, bert, train, validation, { seed: 3 });
    expect(again.thresholds).toEqual(ens.thresholds);
    // judging test data changes nothing
    ens.judge(test);
    expect(ens.thresholds).toEqual(again.thresholds);
    // other validation data, other cutoffs: the cutoffs come from it (here: validation holding anomalies)
    const other = await FrequentRareEnsemble.calibrate(lstm, bert, train, { sequences: brokenSessions(30, 9) }, { seed: 3, minRareCalibration: 1 });
    expect(other.thresholds).not.toEqual(ens.thresholds);
    expect(ens.calibration.validationSessions).toBe(30);
    expect(ens.thresholds.dangerCutoff).toBeGreaterThanOrEqual(ens.thresholds.watchCutoff);
  });

  it("a line whose template never occurs in training is Watch Out at least (unless unseenTemplates is distance)", async () => {
    const distance = await FrequentRareEnsemble.calibrate(lstm, bert, train, validation, { seed: 3, unseenTemplates: "distance" });
    const a = distance.judge(test).lines.filter((l) => l.key === 7);
    const b = ens.judge(test).lines.filter((l) => l.key === 7);
    expect(b.length).toBeGreaterThan(0);
    b.forEach((l, i) => {
      expect(l.label).not.toBe("Normal");
      if (a[i]!.label === "Normal") expect(l).toMatchObject({ label: "Watch Out", rule: "rare: never seen in training" });
      else expect(l.label).toBe(a[i]!.label); // past a cutoff, the distance decides either way
    });
    expect(a.every((l) => l.rule !== "rare: never seen in training")).toBe(true);
  });

  it("a session shorter than every normal training session is Watch Out at least (unless shortSessions is ignore)", async () => {
    const x = { sequences: [[1, 2, 3], [2, 3, 4, 5], ...test.sequences.slice(0, 5)] };
    const ignore = await FrequentRareEnsemble.calibrate(lstm, bert, train, validation, { seed: 3, shortSessions: "ignore" });
    const a = ignore.judge(x).sessions;
    const b = ens.judge(x).sessions;
    expect(bert.shortestTrainingSession).toBe(Math.min(...train.sequences.map((s) => s.length)));
    let changed = 0;
    a.forEach((s, i) => {
      const short = x.sequences[i]!.length < bert.shortestTrainingSession;
      if (short && s.label === "Normal") {
        changed++;
        expect(b[i]).toMatchObject({ label: "Watch Out", rule: "session: shorter than every normal training session", position: -1 });
      } else expect(b[i]!.label).toBe(s.label);
      expect(b[i]!.danger + b[i]!.watchOut + b[i]!.normal).toBe(x.sequences[i]!.length);
    });
    expect(a.slice(2).map((s) => s.label)).toEqual(b.slice(2).map((s) => s.label)); // full-length sessions: lines decide
    expect(changed + a.slice(0, 2).filter((s) => s.label !== "Normal").length).toBe(2);
  });

  it("refuses unknown options and empty validation", async () => {
    await expect(FrequentRareEnsemble.calibrate(lstm, bert, train, validation, { nope: 1 } as never)).rejects.toThrow(/unknown option "nope"/);
    await expect(FrequentRareEnsemble.calibrate(lstm, bert, train, { sequences: [] })).rejects.toThrow(/no normal validation sessions/);
  });
});
