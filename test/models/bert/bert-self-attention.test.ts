import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { BertSelfAttention } from "../../../lib/models/bert/bert-self-attention.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff } from "../nn/nn-helpers.js";

/** The same attention with plain TF.js ops (autodiff everywhere), for value and gradient checks. */
function reference(x: tf.Tensor3D, tokens: tf.Tensor2D, w: tf.Tensor[], heads: number, lora: { a: tf.Tensor2D; b: tf.Tensor2D; scale: number }[] | null): tf.Tensor {
  const [B, T, D] = x.shape;
  const dh = D / heads;
  const proj = (t: tf.Tensor, i: number, l?: { a: tf.Tensor2D; b: tf.Tensor2D; scale: number }) => {
    const flat = tf.reshape(t, [B * T, D]) as tf.Tensor2D;
    let y = tf.add(tf.matMul(flat, w[2 * i] as tf.Tensor2D), w[2 * i + 1]!);
    if (l) y = tf.add(y, tf.mul(tf.matMul(tf.matMul(flat, l.a), l.b), l.scale));
    return tf.reshape(y, [B, T, D]);
  };
  const split = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [B, T, heads, dh]), [0, 2, 1, 3]);
  const q = split(proj(x, 0, lora?.[0]));
  const k = split(proj(x, 1));
  const v = split(proj(x, 2, lora?.[1]));
  const s = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh)), tf.reshape(tf.mul(tf.sub(1, tf.cast(tf.greater(tokens, 0), "float32")), -1e9), [B, 1, 1, T]));
  const ctx = tf.matMul(tf.softmax(s), v);
  return proj(tf.reshape(tf.transpose(ctx, [0, 2, 1, 3]), [B, T, D]), 3);
}

describe("BertSelfAttention", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("has one kernel and one bias per projection, named for it", () => {
    const l = new BertSelfAttention({ heads: 2, seed: 1, name: "att" });
    l.apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null] })]);
    expect(l.weights.map((w) => w.originalName)).toEqual([
      "att/query_kernel", "att/query_bias", "att/key_kernel", "att/key_bias", "att/value_kernel", "att/value_bias", "att/output_kernel", "att/output_bias",
    ]);
    const lora = new BertSelfAttention({ heads: 2, seed: 1, loraRank: 2, name: "att_lora" });
    lora.apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null] })]);
    expect(lora.weights.map((w) => w.originalName).slice(8)).toEqual(["att_lora/query_lora_a", "att_lora/query_lora_b", "att_lora/value_lora_a", "att_lora/value_lora_b"]);
    expect(lora.getConfig()).toMatchObject({ heads: 2, loraRank: 2, loraAlpha: 4, loraTargets: ["query", "value"] });
  });

  it("matches plain TF.js attention in value and gradient, and ignores padding", () => {
    const l = new BertSelfAttention({ heads: 2, seed: 3 });
    l.apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null] })]);
    tf.tidy(() => {
      const x = tf.randomNormal([2, 3, 4], 0, 1, "float32", 7) as tf.Tensor3D;
      const tokens = tf.tensor2d([[2, 5, 6], [2, 7, 0]]);
      const w = l.getWeights().map((t, i) => (i % 2 === 1 ? tf.randomNormal(t.shape, 0, 0.1, "float32", 20 + i) : t));
      l.setWeights(w);
      const ours = l.apply([x, tokens]) as tf.Tensor;
      expect(maxDiff(ours, reference(x, tokens, w, 2, null))).toBeLessThan(1e-5);
      // gradient with respect to the input (our matMuls use hand-written gradients)
      const f = (xx: tf.Tensor) => tf.sum(tf.mul(l.apply([xx, tokens]) as tf.Tensor, tf.range(0, 24).reshape([2, 3, 4])));
      const g = (xx: tf.Tensor) => tf.sum(tf.mul(reference(xx as tf.Tensor3D, tokens, w, 2, null), tf.range(0, 24).reshape([2, 3, 4])));
      expect(maxDiff(tf.grad(f)(x), tf.grad(g)(x))).toBeLessThan(1e-3);
      // the padded step of row 2 does not change row 2's real steps
      const short = l.apply([tf.slice(x, [1, 0, 0], [1, 2, 4]), tf.tensor2d([[2, 7]])]) as tf.Tensor;
      expect(maxDiff(short, tf.slice(ours, [1, 0, 0], [1, 2, 4]))).toBeLessThan(1e-5);
    });
  });

  it("LoRA: a fresh adapter changes nothing; a trained one adds (α/r)·x·A·B, with matching gradients for A and B", () => {
    const plain = new BertSelfAttention({ heads: 2, seed: 5 });
    plain.apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null] })]);
    const lora = new BertSelfAttention({ heads: 2, seed: 5, loraRank: 2, loraAlpha: 3 });
    lora.apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null] })]);
    tf.tidy(() => {
      const x = tf.randomNormal([1, 3, 4], 0, 1, "float32", 8) as tf.Tensor3D;
      const tokens = tf.tensor2d([[2, 5, 6]]);
      expect(maxDiff(plain.apply([x, tokens]) as tf.Tensor, lora.apply([x, tokens]) as tf.Tensor)).toBeLessThan(1e-6);
      const w = lora.getWeights();
      const base = w.slice(0, 8);
      const adapters = [tf.randomNormal([4, 2], 0, 0.5, "float32", 1), tf.randomNormal([2, 4], 0, 0.5, "float32", 2), tf.randomNormal([4, 2], 0, 0.5, "float32", 3), tf.randomNormal([2, 4], 0, 0.5, "float32", 4)] as tf.Tensor2D[];
      lora.setWeights([...base, ...adapters]);
      const spec = (a: tf.Tensor2D[]) => [{ a: a[0]!, b: a[1]!, scale: 1.5 }, { a: a[2]!, b: a[3]!, scale: 1.5 }];
      expect(maxDiff(lora.apply([x, tokens]) as tf.Tensor, reference(x, tokens, base, 2, spec(adapters)))).toBeLessThan(1e-5);
      // gradients for the adapters, through the layer's own variables, against autodiff of the reference
      const vars = lora.weights.slice(8).map((v) => v.read() as tf.Variable);
      const ours = tf.variableGrads(() => tf.sum(tf.square(lora.apply([x, tokens]) as tf.Tensor)), vars).grads;
      const ref = tf.grads((a0: tf.Tensor, a1: tf.Tensor, a2: tf.Tensor, a3: tf.Tensor) => tf.sum(tf.square(reference(x, tokens, base, 2, spec([a0, a1, a2, a3] as tf.Tensor2D[])))))(adapters);
      vars.forEach((v, i) => expect(maxDiff(ours[v.name]!, ref[i]!)).toBeLessThan(1e-3));
    });
  });

  it("needs [x, tokens] and a width that divides into the heads", () => {
    expect(() => new BertSelfAttention({ heads: 3, seed: 1, name: "bad" }).apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null] })])).toThrow("bad: model size 4 does not divide into 3 heads");
    const l = new BertSelfAttention({ heads: 2, seed: 1, name: "one" });
    l.apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null] })]);
    expect(() => tf.tidy(() => void l.apply(tf.zeros([1, 2, 4])))).toThrow("one: expects [x, tokens]");
  });
});
