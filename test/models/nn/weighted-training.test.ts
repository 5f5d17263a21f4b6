import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FastDense } from "../../../lib/models/nn/fast-dense.js";
import {
  meanSquaredErrorPerExample,
  sigmoidCrossEntropyPerExample,
  softmaxCrossEntropyPerExample,
  trainWeighted,
  weightedLoss,
  type WeightedExamples,
  type WeightedTrainingOptions,
} from "../../../lib/models/nn/weighted-training.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { loadNamedTensors } from "../../../lib/runtime/model-io.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { maxDiff } from "./nn-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-weighted-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A 2 → 2 linear model (seeded). */
const linear = (seed = 3): tf.LayersModel => {
  const input = tf.input({ shape: [2] });
  return tf.model({ inputs: input, outputs: new FastDense({ units: 2, seed }).apply(input) as tf.SymbolicTensor });
};

/** Rows that should map to `sign` × themselves, with weights. */
function rowsExamples(rows: number[][], weights: number[], sign = 1): WeightedExamples {
  return {
    count: rows.length,
    batch(idx) {
      const x = tf.tensor2d(Array.from(idx, (i) => rows[i]!));
      return { x, y: tf.mul(x, sign), w: tf.tensor1d(Array.from(idx, (i) => weights[i]!)) };
    },
  };
}

const base = (o: Partial<WeightedTrainingOptions> = {}): WeightedTrainingOptions => ({ epochs: 3, batchSize: 8, learningRate: 0.1, schedule: { kind: "constant" }, earlyStopping: null, rng: new Rng(1), ...o });
const weightsOf = (m: tf.LayersModel): number[] => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

describe("per-example losses", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("softmax cross-entropy from logits and one-hot targets", () => {
    tf.tidy(() => {
      const l = softmaxCrossEntropyPerExample(tf.tensor2d([[0, 1], [1, 0]]), tf.tensor2d([[0, 0], [2, 0]])).dataSync();
      expect(l[0]).toBeCloseTo(Math.log(2), 6);
      expect(l[1]).toBeCloseTo(Math.log(1 + Math.exp(-2)), 6);
    });
  });

  it("sigmoid cross-entropy from logits, stable for large logits", () => {
    tf.tidy(() => {
      const l = sigmoidCrossEntropyPerExample(tf.tensor2d([[1], [0], [0], [1]]), tf.tensor2d([[0], [100], [-100], [3]])).dataSync();
      expect(l[0]).toBeCloseTo(Math.log(2), 6);
      expect(l[1]).toBeCloseTo(100, 4);
      expect(l[2]).toBeCloseTo(0, 6);
      expect(l[3]).toBeCloseTo(Math.log(1 + Math.exp(-3)), 6);
    });
  });

  it("mean squared error over all non-batch axes", () => {
    tf.tidy(() => {
      expect(Array.from(meanSquaredErrorPerExample(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[1, 0], [0, 0]])).dataSync())).toEqual([2, 12.5]);
      expect(Array.from(meanSquaredErrorPerExample(tf.ones([2, 2, 2]), tf.zeros([2, 2, 2])).dataSync())).toEqual([1, 1]);
    });
  });
});

describe("weightedLoss", () => {
  it("Σ wᵢ·lossᵢ / Σ wᵢ over every example, whatever the batch size", () => {
    const m = linear();
    tf.tidy(() => m.setWeights([tf.zeros([2, 2]), tf.zeros([2])])); // predicts 0: loss = mean of squares of the target
    const ex = rowsExamples([[1, 1], [2, 0], [0, 0]], [1, 3, 2]);
    // Losses 1, 2, 0 → (1 + 6 + 0) / 6.
    expect(weightedLoss(m, ex, meanSquaredErrorPerExample, 2)).toBeCloseTo(7 / 6, 6);
    expect(weightedLoss(m, ex, meanSquaredErrorPerExample, 100)).toBeCloseTo(7 / 6, 6);
    expect(weightedLoss(m, rowsExamples([[1, 1]], [0]), meanSquaredErrorPerExample, 4)).toBeNaN();
    m.dispose();
  });
});

describe("trainWeighted", () => {
  // Moved from test/models/nn/layers.test.ts.
  it("the weighted loop: a weight of 3 trains like three copies, tensors stay flat, early stopping stops", async () => {
    const rows = [Float32Array.of(1, 0), Float32Array.of(0, 1)];
    const examples = (weights: number[], copies: number[]): WeightedExamples => {
      const all: Float32Array[] = [];
      const w: number[] = [];
      rows.forEach((r, i) => {
        for (let c = 0; c < copies[i]!; c++) {
          all.push(r);
          w.push(weights[i]!);
        }
      });
      return {
        count: all.length,
        batch(idx) {
          const x = tf.tensor2d(Array.from(idx, (i) => Array.from(all[i]!)));
          return { x, y: x.clone(), w: tf.tensor1d(Array.from(idx, (i) => w[i]!)) };
        },
      };
    };
    const make = () => {
      const input = tf.input({ shape: [2] });
      return tf.model({ inputs: input, outputs: new FastDense({ units: 2, seed: 3 }).apply(input) as tf.SymbolicTensor });
    };
    const opts = { epochs: 5, batchSize: 8, learningRate: 0.1, schedule: { kind: "constant" as const }, earlyStopping: null, rng: new Rng(1) };
    const a = make();
    const b = make();
    const before = tf.memory().numTensors;
    const ra = await trainWeighted(a, examples([3, 1], [1, 1]), null, meanSquaredErrorPerExample, opts);
    await trainWeighted(b, examples([1, 1], [3, 1]), null, meanSquaredErrorPerExample, { ...opts, rng: new Rng(1) });
    expect(tf.memory().numTensors).toBe(before);
    expect(ra.history).toHaveLength(5);
    const wa = a.getWeights();
    const wb = b.getWeights();
    wa.forEach((t, i) => expect(maxDiff(t, wb[i]!)).toBeLessThan(1e-5));
    const c = make();
    const rc = await trainWeighted(c, examples([1, 1], [1, 1]), examples([1, 1], [1, 1]), meanSquaredErrorPerExample, { ...opts, epochs: 200, learningRate: 0.5, earlyStopping: { patience: 2, minDelta: 1e-3 } });
    expect(rc.history.length).toBeLessThan(200);
    expect(rc.stoppedBecause).toMatch(/early stopping/);
    [a, b, c].forEach((m) => m.dispose());
  });

  const train = rowsExamples([[1, 0], [0, 1], [1, 1], [2, -1]], [1, 1, 1, 1]);

  it("the learning rate really changes: a step schedule with factor 0 freezes the weights after epoch 1", async () => {
    const one = linear();
    await trainWeighted(one, train, null, meanSquaredErrorPerExample, base({ epochs: 1 }));
    const three = linear();
    const r = await trainWeighted(three, train, null, meanSquaredErrorPerExample, base({ epochs: 3, schedule: { kind: "step", everyEpochs: 1, factor: 0 } }));
    expect(r.history.map((h) => h.learningRate)).toEqual([0.1, 0, 0]);
    expect(weightsOf(three)).toEqual(weightsOf(one));
    const moving = linear();
    await trainWeighted(moving, train, null, meanSquaredErrorPerExample, base({ epochs: 3 }));
    expect(weightsOf(moving)).not.toEqual(weightsOf(one));
    [one, three, moving].forEach((m) => m.dispose());
  });

  it("cosine anneals from the rate to its floor over the epochs; no validation: the last epoch is kept", async () => {
    const m = linear();
    const r = await trainWeighted(m, train, null, meanSquaredErrorPerExample, base({ epochs: 3, schedule: { kind: "cosine", minLearningRate: 0.001 } }));
    const lr = r.history.map((h) => h.learningRate!);
    expect(lr[0]).toBeCloseTo(0.1, 12);
    expect(lr[1]).toBeCloseTo(0.001 + 0.5 * 0.099, 12);
    expect(lr[2]).toBeCloseTo(0.001, 12);
    expect(r.bestEpoch).toBe(3);
    expect(r.bestValLoss).toBeNull();
    expect(r.stoppedBecause).toBe("ran all 3 epochs");
    m.dispose();
  });

  it("plateau halves the rate when validation stops improving; early stopping; the best epoch's weights are restored", async () => {
    // Validation wants the opposite map: as training improves, validation gets worse.
    const validation = rowsExamples([[1, 0], [0, 1], [1, 1], [2, -1]], [1, 1, 1, 1], -1);
    const m = linear();
    const epochs: number[] = [];
    let afterEpoch1: number[] = [];
    const r = await trainWeighted(m, train, validation, meanSquaredErrorPerExample, {
      ...base({ epochs: 10, learningRate: 0.05, schedule: { kind: "plateau", factor: 0.5, patience: 1, minLearningRate: 0.02 } }),
      earlyStopping: { patience: 3, minDelta: 0 },
      onEpoch: (rec) => {
        epochs.push(rec.epoch);
        if (rec.epoch === 1) afterEpoch1 = weightsOf(m);
      },
    });
    expect(epochs).toEqual([1, 2, 3, 4]);
    expect(r.history.map((h) => h.learningRate)).toEqual([0.05, 0.05, 0.025, 0.02]);
    expect(r.stoppedBecause).toBe("early stopping: validation loss did not improve for 3 epochs (best epoch 1)");
    expect(r.bestEpoch).toBe(1);
    expect(r.bestValLoss).toBe(r.history[0]!.valLoss);
    expect(weightsOf(m)).toEqual(afterEpoch1);
    m.dispose();
  });

  it("a validation criterion replaces the loss for the best epoch and early stopping; the loss is still recorded", async () => {
    // The same validation as above (its loss is best after epoch 1), but a criterion that prefers epoch 3.
    const validation = rowsExamples([[1, 0], [0, 1], [1, 1], [2, -1]], [1, 1, 1, 1], -1);
    const m = linear();
    let epoch = 0;
    let afterEpoch3: number[] = [];
    const r = await trainWeighted(m, train, validation, meanSquaredErrorPerExample, {
      ...base({ epochs: 6 }),
      earlyStopping: { patience: 2, minDelta: 0 },
      validationCriterion: () => Math.abs(++epoch - 3),
      onEpoch: (rec) => {
        if (rec.epoch === 3) afterEpoch3 = weightsOf(m);
      },
    });
    expect(r.history.map((h) => h.valCriterion)).toEqual([2, 1, 0, 1, 2]);
    expect(r.history.every((h) => typeof h.valLoss === "number")).toBe(true);
    expect(r.bestEpoch).toBe(3);
    expect(r.stoppedBecause).toBe("early stopping: validation criterion did not improve for 2 epochs (best epoch 3)");
    expect(weightsOf(m)).toEqual(afterEpoch3);
    m.dispose();
  });

  it("restoreBest: false keeps the last epoch's weights; checkpoints are written on every improvement", async () => {
    const validation = rowsExamples([[1, 0], [0, 1]], [1, 1], -1);
    const m = linear();
    let last: number[] = [];
    let first: number[] = [];
    const dir = join(tmp, "ckpt");
    const r = await trainWeighted(m, train, validation, meanSquaredErrorPerExample, {
      ...base({ epochs: 3 }),
      restoreBest: false,
      checkpointDir: dir,
      onEpoch: (rec) => {
        last = weightsOf(m);
        if (rec.epoch === 1) first = weightsOf(m);
      },
    });
    expect(r.bestEpoch).toBe(1);
    expect(weightsOf(m)).toEqual(last);
    expect(last).not.toEqual(first);
    // The checkpoint holds the best (first) epoch's weights, named by position and weight name.
    const saved = loadNamedTensors(dir, "checkpoint");
    const names = Object.keys(saved).sort();
    expect(names.map((n) => n.split(":")[0])).toEqual(["0", "1"]);
    expect(names.flatMap((n) => Array.from(saved[n]!.dataSync()))).toEqual(first);
    tf.dispose(Object.values(saved));
    m.dispose();
  });

  it("stops on a time budget, and on a non-finite training loss, saying why", async () => {
    const m = linear();
    const r = await trainWeighted(m, train, null, meanSquaredErrorPerExample, base({ epochs: 50, maxSeconds: 1e-9 }));
    expect(r.history).toHaveLength(1);
    expect(r.stoppedBecause).toBe("time budget of 1e-9 s reached after epoch 1");
    const nan = await trainWeighted(m, train, null, (y, p) => tf.tidy(() => tf.mul(meanSquaredErrorPerExample(y, p), NaN) as tf.Tensor1D), base({ epochs: 5 }));
    expect(nan.stoppedBecause).toBe("training loss became NaN at epoch 1");
    m.dispose();
  });

  it("dataset normalisation weighs batches by weight, batch normalisation makes each batch a weighted mean", async () => {
    const weighted = rowsExamples([[1, 0], [0, 1]], [1, 3]);
    const unit = rowsExamples([[1, 0], [0, 1]], [1, 1]);
    const fit = async (ex: WeightedExamples, normalization: "batch" | "dataset") => {
      const m = linear();
      await trainWeighted(m, ex, null, meanSquaredErrorPerExample, { ...base({ epochs: 2, batchSize: 1 }), normalization });
      const w = weightsOf(m);
      m.dispose();
      return w;
    };
    // With one example per batch, a batch's weighted mean ignores the weight.
    expect(await fit(weighted, "batch")).toEqual(await fit(unit, "batch"));
    expect(await fit(weighted, "dataset")).not.toEqual(await fit(unit, "dataset"));
  });

  it("clipping the gradient norm shrinks Adam's steps once gradients fall below its epsilon", async () => {
    const start = weightsOf(linear());
    const moved = async (clipNorm: number) => {
      const m = linear();
      await trainWeighted(m, train, null, meanSquaredErrorPerExample, { ...base({ epochs: 1 }), clipNorm });
      const d = Math.max(...weightsOf(m).map((v, i) => Math.abs(v - start[i]!)));
      m.dispose();
      return d;
    };
    expect(await moved(1e-12)).toBeLessThan((await moved(0)) / 100);
  });

  it("uses the examples' own batches when they have them; refuses an empty training set", async () => {
    const seen: number[][] = [];
    const ex: WeightedExamples = { ...train, batch: train.batch.bind(train), batches: () => [Int32Array.of(3, 1), Int32Array.of(0)] };
    const spy: WeightedExamples = { ...ex, batch: (idx) => (seen.push(Array.from(idx)), ex.batch(idx)) };
    const m = linear();
    const r = await trainWeighted(m, spy, null, meanSquaredErrorPerExample, base({ epochs: 1 }));
    expect(seen).toEqual([[3, 1], [0]]);
    expect(r.examplesPerSecond).toBeGreaterThan(0);
    await expect(trainWeighted(m, { count: 0, batch: () => { throw new Error("unused"); } }, null, meanSquaredErrorPerExample, base())).rejects.toThrow("trainWeighted: no training examples");
    m.dispose();
  });
  it("warm-up: a long warm-up barely moves the weights in the first epoch; beforeEpoch runs before each epoch", async () => {
    const start = weightsOf(linear());
    const calls: number[] = [];
    const moved = async (warmupSteps: number) => {
      const m = linear();
      await trainWeighted(m, train, null, meanSquaredErrorPerExample, { ...base({ epochs: 2 }), warmupSteps, beforeEpoch: (e) => calls.push(e) });
      const d = Math.max(...weightsOf(m).map((v, i) => Math.abs(v - start[i]!)));
      m.dispose();
      return d;
    };
    expect(await moved(1e6)).toBeLessThan((await moved(0)) / 1000);
    expect(calls).toEqual([1, 2, 1, 2]);
  });

  it("models with several outputs: the loss gets the target type and the outputs as the examples give them", async () => {
    const input = tf.input({ shape: [2] });
    const a = new FastDense({ units: 2, seed: 1 }).apply(input) as tf.SymbolicTensor;
    const b = new FastDense({ units: 1, seed: 2 }).apply(input) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: [a, b] });
    const ex: WeightedExamples<{ first: tf.Tensor; second: tf.Tensor }> = {
      count: 4,
      batch: (idx) => {
        const x = tf.tensor2d(Array.from(idx, (i) => [i, 1]));
        return { x, y: { first: x, second: tf.ones([idx.length, 1]) }, w: tf.ones([idx.length]) as tf.Tensor1D };
      },
    };
    const loss = (y: { first: tf.Tensor; second: tf.Tensor }, p: tf.Tensor[]) => tf.add(meanSquaredErrorPerExample(y.first, p[0]!), meanSquaredErrorPerExample(y.second, p[1]!)) as tf.Tensor1D;
    const before = weightedLoss(m, ex, loss, 4);
    const r = await trainWeighted(m, ex, ex, loss, base({ epochs: 30, learningRate: 0.05 }));
    expect(r.bestValLoss!).toBeLessThan(before / 10);
    m.dispose();
  });
});
