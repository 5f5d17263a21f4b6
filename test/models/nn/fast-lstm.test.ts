import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { FastLstm } from "../../../lib/models/nn/fast-lstm.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff } from "./nn-helpers.js";

/** Our layer and tf.layers.lstm (sigmoid gates, Keras' maths) with the same weights. */
function pair(returnSequences: boolean, goBackwards: boolean): [FastLstm, tf.layers.Layer] {
  const ours = new FastLstm({ units: 3, returnSequences, goBackwards, seed: 4 });
  const theirs = tf.layers.lstm({ units: 3, returnSequences, goBackwards, recurrentActivation: "sigmoid" });
  const input = tf.input({ shape: [5, 2] });
  ours.apply(input);
  theirs.apply(input);
  theirs.setWeights(ours.getWeights());
  return [ours, theirs];
}

describe("FastLstm", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  for (const returnSequences of [false, true]) {
    it(`matches tf.layers.lstm (returnSequences ${returnSequences})`, () => {
      const [ours, theirs] = pair(returnSequences, false);
      tf.tidy(() => {
        const x = tf.randomNormal([2, 5, 2], 0, 1, "float32", 1);
        const a = ours.apply(x) as tf.Tensor;
        expect(a.shape).toEqual(returnSequences ? [2, 5, 3] : [2, 3]);
        expect(maxDiff(a, theirs.apply(x) as tf.Tensor)).toBeLessThan(1e-5);
      });
    });
  }

  it("goBackwards reads from the end; with sequences, outputs are put back in input order (Keras' Bidirectional)", () => {
    const [last, lastRef] = pair(false, true);
    const [seq, seqRef] = pair(true, true);
    tf.tidy(() => {
      const x = tf.randomNormal([2, 5, 2], 0, 1, "float32", 2);
      expect(maxDiff(last.apply(x) as tf.Tensor, lastRef.apply(x) as tf.Tensor)).toBeLessThan(1e-5);
      // tf.layers returns the backward states in reading order; ours in input order.
      expect(maxDiff(seq.apply(x) as tf.Tensor, tf.reverse(seqRef.apply(x) as tf.Tensor, 1))).toBeLessThan(1e-5);
      // Position 0 holds the state after reading the whole sequence backwards: the last state.
      const s = seq.apply(x) as tf.Tensor;
      expect(maxDiff(tf.squeeze(tf.slice(s, [0, 0, 0], [2, 1, 3]), [1]), last.apply(x) as tf.Tensor)).toBeLessThan(1e-5);
    });
  });

  it("starts with a unit forget-gate bias and seeded Glorot kernels", () => {
    const l = new FastLstm({ units: 2, seed: 1 });
    l.apply(tf.input({ shape: [null, 3] }));
    const [k, r, b] = l.getWeights();
    expect(k!.shape).toEqual([3, 8]);
    expect(r!.shape).toEqual([2, 8]);
    expect(Array.from(b!.dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    const twin = new FastLstm({ units: 2, seed: 1 });
    twin.apply(tf.input({ shape: [null, 3] }));
    expect(Array.from(twin.getWeights()[1]!.dataSync())).toEqual(Array.from(r!.dataSync()));
  });

  it("symbolic shapes, config, and clear errors for a wrong rank or an unknown width", () => {
    const l = new FastLstm({ units: 4, returnSequences: true, goBackwards: true, seed: 2, name: "lstm_x" });
    expect((l.apply(tf.input({ shape: [null, 3] })) as tf.SymbolicTensor).shape).toEqual([null, null, 4]);
    expect(l.getConfig()).toMatchObject({ units: 4, returnSequences: true, goBackwards: true, seed: 2 });
    expect(() => tf.tidy(() => void l.apply(tf.zeros([2, 3])))).toThrow("lstm_x: expected [batch, steps, features], got [2,3]");
    expect(() => new FastLstm({ units: 2, seed: 1, name: "l_unknown" }).apply(tf.input({ shape: [null, null] }))).toThrow(/l_unknown: the input's last dimension must be known/);
  });
});
