import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogBert, LOGBERT_DEFAULTS, logBertTopGSweep, type LogBertParams } from "../../../lib/models/bert/logbert.js";
import { chooseThreshold } from "../../../lib/eval/choose-threshold.js";
import { evaluateAt } from "../../../lib/eval/confusion.js";
import { missesOutsideTopG } from "../../../lib/models/bert/masked-key-ranks.js";
import { createDetector, describeModels } from "../../../lib/models/registry.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-logbert-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Normal sessions follow a cycle 1 2 3 4 5 6 (random start, length 8–12); anomalies swap in a key out of order.
function normalSession(rng: Rng): number[] {
  const start = rng.int(6);
  const n = 8 + rng.int(5);
  return Array.from({ length: n }, (_, i) => 1 + ((start + i) % 6));
}
function abnormalSession(rng: Rng): number[] {
  const s = normalSession(rng);
  const at = 2 + rng.int(s.length - 4);
  s[at] = 1 + ((s[at]! + 2) % 6); // a key that never follows its predecessor in normal sessions
  return s;
}
const rng = new Rng(7);
const train = Array.from({ length: 60 }, () => normalSession(rng));
const valNormal = Array.from({ length: 20 }, () => normalSession(rng));
const valAbnormal = Array.from({ length: 20 }, () => abnormalSession(rng));
const testNormal = Array.from({ length: 20 }, () => normalSession(rng));
const testAbnormal = Array.from({ length: 20 }, () => abnormalSession(rng));
const validation = { sequences: [...valNormal, ...valAbnormal], labels: Uint8Array.from([...valNormal.map(() => 0), ...valAbnormal.map(() => 1)]) };
const small: Partial<LogBertParams> = { hiddenSize: 16, blocks: 1, heads: 2, ffnDim: 32, maxLength: 16, dropout: 0, epochs: 120, batchSize: 16, learningRate: 5e-3, maskRatio: 0.5, scoreMaskRatio: 0.2, warmupSteps: 5, earlyStoppingPatience: 0 };
const params = (p: Partial<LogBertParams> = {}): LogBertParams => ({ ...LOGBERT_DEFAULTS, ...small, ...p });

describe("LogBert", () => {
  let model: LogBert;
  let before = 0;
  beforeAll(async () => {
    await selectBackend();
    before = tf.memory().numTensors;
    model = new LogBert(params(), new Rng(3));
    await model.fit({ sequences: train }, validation);
  }, 120_000);
  afterAll(() => model.dispose());

  it("learns the normal cycle: abnormal test sessions score above normal ones (g chosen on validation)", async () => {
    const sn = await model.score({ sequences: testNormal });
    const sa = await model.score({ sequences: testAbnormal });
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(sa)).toBeGreaterThan(mean(sn) + 0.5);
    // r on validation, then test: the paper's rule "more than r keys outside the top g".
    const r = chooseThreshold(validation.labels, await model.score(validation), { kind: "max-f1" }).threshold;
    const m = evaluateAt([...testNormal.map(() => 0), ...testAbnormal.map(() => 1)], [...sn, ...sa], r);
    expect(m.f1).toBeGreaterThanOrEqual(0.85);
    expect(model.topG).toBeGreaterThanOrEqual(1);
  });

  it("reports the fit: counts, the validation sweep behind g, the hypersphere centre", async () => {
    const m = new LogBert(params({ epochs: 2 }), new Rng(3));
    const r = await m.fit({ sequences: train }, validation);
    expect(r.sessions).toBe(60);
    expect(r.vocabulary).toBe(6);
    expect(r.history).toHaveLength(2);
    expect(r.topGSource).toBe("validation");
    expect(r.topGSweep.map((p) => p.g)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.topG).toBe(r.topGSweep.reduce((a, b) => (b.f1 > a.f1 ? b : a)).g);
    expect(r.centreNorm).toBeGreaterThan(0);
    const fixed = new LogBert(params({ epochs: 1, topGChoice: "fixed", topG: 4 }), new Rng(3));
    expect((await fixed.fit({ sequences: train }, validation)).topGSource).toBe("parameter");
    expect(fixed.topG).toBe(4);
    m.dispose();
    fixed.dispose();
  }, 60_000);

  it("scores reproduce (seeded masks), identical sessions score identically, a session with an unseen key is flagged (or counted, by the stated rule)", async () => {
    const x = { sequences: [...testAbnormal, testAbnormal[0]!, [1, 2, 3, 99, 5, 6, 1, 2, 3]] };
    const a = await model.score(x);
    const b = await model.score(x);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[20]).toBe(a[0]);
    const ranks = model.positionRanks(x);
    expect(ranks[21]![3]).toBe(model.vocabulary.size + 1);
    expect(a[21]).toBe(15); // unseenKeys "flag": a full row of misses (maxLength − 1)
    const counting = new LogBert(params({ unseenKeys: "count" }), new Rng(3));
    expect(counting.params.unseenKeys).toBe("count");
    // The same network scoring by the "count" rule: the unseen key is one miss among the others.
    Object.assign(model.params, { unseenKeys: "count" });
    try {
      const c = await model.score(x);
      expect(c[21]).toBe(missesOutsideTopG(ranks[21]!, model.topG, "count"));
      expect(c[21]).toBeGreaterThanOrEqual(1);
      expect(c[21]).toBeLessThan(15);
    } finally {
      Object.assign(model.params, { unseenKeys: "flag" });
      counting.dispose();
    }
  });

  it("flags sessions shorter than every training session by the stated rule, and can score them instead", async () => {
    const short = { sequences: [[1, 2], [3]] };
    expect(model.shortestTrainingSession).toBe(8);
    expect(model.isShort(short)).toEqual([true, true]);
    expect(Array.from(await model.score(short))).toEqual([15, 15]);
    const ranks = model.positionRanks(short);
    expect(ranks.map((r) => r.length)).toEqual([2, 1]);
    expect(missesOutsideTopG(ranks[0]!, 6, "count")).toBe(0);
    expect(Array.from(await model.score({ sequences: [[]] }))).toEqual([15]);
  });

  it("saves and loads to the same scores", async () => {
    const dir = join(tmp, "logbert");
    await model.save(dir);
    const loaded = await LogBert.load(dir);
    const x = { sequences: [...testNormal.slice(0, 5), ...testAbnormal.slice(0, 5)] };
    expect(Array.from(await loaded.score(x))).toEqual(Array.from(await model.score(x)));
    expect(loaded.topG).toBe(model.topG);
    loaded.dispose();
    await model.save(dir); // its own earlier output is replaced
  });

  it("keeps the tensor count flat across fit and score, and frees everything on dispose", async () => {
    const m = new LogBert(params({ epochs: 2 }), new Rng(5));
    const start = tf.memory().numTensors;
    await m.fit({ sequences: train }, validation);
    const afterFit = tf.memory().numTensors;
    await m.score({ sequences: testNormal });
    m.positionEmbeddings({ sequences: testNormal });
    m.centreDistances({ sequences: testNormal });
    expect(tf.memory().numTensors).toBe(afterFit);
    m.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(before).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it("LogBERT-severity reads the severities; without them it runs with unknown severity", async () => {
    const sevOf = (s: readonly number[]) => s.map((k) => (k === 3 ? 4 : 1));
    const m = new LogBert(params({ epochs: 3, severity: true }), new Rng(3));
    await m.fit({ sequences: train, severities: train.map(sevOf) }, validation);
    expect(m.name).toBe("logbert-severity");
    const x = { sequences: testNormal.slice(0, 4) };
    const withSev = m.positionEmbeddings({ ...x, severities: x.sequences.map(sevOf) });
    const without = m.positionEmbeddings(x);
    expect(withSev[0]!.length).toBe(x.sequences[0]!.length * 16);
    expect(Array.from(withSev[0]!)).not.toEqual(Array.from(without[0]!));
    expect(() => m.positionRanks({ sequences: x.sequences, severities: [[1]] })).toThrow(/4 sessions but 1 severity rows/);
    m.dispose();
  }, 60_000);

  it("the top-g sweep gives, per g, the best F1 over r", () => {
    const ranks = [Int32Array.from([1, 1, 1]), Int32Array.from([1, 5, 1]), Int32Array.from([3, 1, 1])];
    const sweep = logBertTopGSweep(ranks, [0, 1, 0], 6, (r, g) => missesOutsideTopG(r, g, "count"));
    expect(sweep[0]).toMatchObject({ g: 1, f1: expect.closeTo(2 / 3, 6) });
    expect(sweep[2]).toMatchObject({ g: 3, r: 0, f1: 1 });
  });

  it("is in the registry as logbert and logbert-severity (masked-key family, fit on normals)", () => {
    expect(describeModels(["logbert", "logbert-severity"]).map((d) => [d.family, d.fitSet])).toEqual([["masked-key", "normals"], ["masked-key", "normals"]]);
    const d = createDetector("logbert-severity", { hiddenSize: 8, heads: 2 }, { rng: new Rng(1) });
    expect(d.name).toBe("logbert-severity");
    expect(() => createDetector("logbert", { maskRatio: 0 }, { rng: new Rng(1) })).toThrow(/maskRatio/);
    expect(() => new LogBert(params({ hiddenSize: 10, heads: 4 }), new Rng(1))).toThrow(/does not divide/);
  });
});
