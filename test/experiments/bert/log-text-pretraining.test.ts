import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { shippedCorpusSources } from "../../../lib/data/message-corpus.js";
import { disposeLogTextEncoder } from "../../../lib/models/bert/log-text-encoder.js";
import { pretrainCurveRows, pretrainLogTextEncoder, PRETRAIN_PROFILES } from "../../../lib/experiments/bert/log-text-pretraining.js";

const TINY = { rowsPerEpoch: 0, vocabSize: 150, maxLength: 24, hidden: 16, layers: 1, heads: 2, ffDim: 32, epochs: 2, batchSize: 16, warmupSteps: 0, maxSeconds: 0, validationShare: 0.1, includeFull: false };

describe("pretrainLogTextEncoder", () => {
  beforeAll(async () => {
    await selectBackend();
  });
  const sources = shippedCorpusSources({ includeFull: false }).filter((s) => s.collection === "loghub-2k" && (s.format === "HDFS" || s.format === "OpenSSH"));
  it("trains the MLM on distinct rows, reports the loss curve, keeps the tensor count flat, and is seeded", async () => {
    const before = tf.memory().numTensors;
    const a = await pretrainLogTextEncoder({ sources, config: TINY, seed: 7 });
    expect(a.corpus.messages).toBe(4000);
    expect(a.corpus.distinctRows).toBeLessThan(4000);
    expect(a.corpus.trainRows + a.corpus.validationRows).toBe(a.corpus.distinctRows);
    expect(a.history).toHaveLength(2);
    expect(a.history.every((h) => Number.isFinite(h.loss) && h.valLoss !== null)).toBe(true);
    // Masked-token cross-entropy starts near ln(vocab) and falls.
    expect(a.history[0]!.loss).toBeLessThan(Math.log(150) + 1);
    expect(a.history[1]!.loss).toBeLessThan(a.history[0]!.loss);
    expect(a.encoder.tokenizer.vocabSize).toBeLessThanOrEqual(150);
    expect([...a.encoder.weights.keys()].every((k) => k.startsWith("bert_"))).toBe(true);
    expect(pretrainCurveRows(a)[1]).toMatchObject({ epoch: 2 });
    const b = await pretrainLogTextEncoder({ sources, config: TINY, seed: 7 });
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
    const k = "bert_block1_attention/query_kernel";
    expect(Array.from(b.encoder.weights.get(k)!.dataSync())).toEqual(Array.from(a.encoder.weights.get(k)!.dataSync()));
    disposeLogTextEncoder(a.encoder);
    disposeLogTextEncoder(b.encoder);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
  it("draws rowsPerEpoch rows per epoch when asked (the smoke profile's time budget is checked that often)", async () => {
    const r = await pretrainLogTextEncoder({ sources, config: { ...TINY, epochs: 1, rowsPerEpoch: 10 }, seed: 7 });
    expect(r.history).toHaveLength(1);
    disposeLogTextEncoder(r.encoder);
  }, 120_000);
  it("profiles: smoke is the small, time-capped one", () => {
    expect(PRETRAIN_PROFILES.smoke.maxSeconds).toBeGreaterThan(0);
    expect(PRETRAIN_PROFILES.smoke.maxSeconds).toBeLessThanOrEqual(180);
    expect(PRETRAIN_PROFILES.full.hidden).toBeGreaterThan(PRETRAIN_PROFILES.smoke.hidden);
  });
});
