import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BertLineClassifier, dannLabelLossScale, distinctInputs, defaultBertLineParams, labelShiftDomainScales, macroF1Of, meanClassShares, templateBalanceWeights } from "../../../lib/models/bert/bert-line-classifier.js";
import { tinyEncoder } from "./text-encoder-fixtures.js";

const QUICK = { epochs: 2, batchSize: 16, headUnits: 16, domainUnits: 8, hashBuckets: 4, patience: 0 };

type Lines = Awaited<ReturnType<typeof tinyEncoder>>["lines"];

/** All lines but the last 20 labelled, the last 20 as DANN's unlabelled target. */
function withTarget(lines: Lines) {
  const n = lines.content.length;
  return { contents: lines.content.slice(0, n - 20), y: lines.y.subarray(0, n - 20), domains: lines.systemOf.slice(0, n - 20), target: { contents: lines.content.slice(n - 20), domains: lines.systemOf.slice(n - 20) } };
}

/** Saves `clf`, loads it back, checks `loaded`, and expects the same probabilities on `contents`; disposes both. */
async function expectSameAfterSaveLoad(clf: BertLineClassifier, contents: readonly string[], loaded: (back: BertLineClassifier) => void = () => {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "clf-"));
  try {
    await clf.save(dir);
    const back = await BertLineClassifier.load(dir);
    loaded(back);
    expect(Array.from(back.predictProba(contents))).toEqual(Array.from(clf.predictProba(contents)));
    back.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    clf.dispose();
  }
}

describe("BertLineClassifier", () => {
  it("kinds differ by their defaults: DANN adapts, LoRA trains rank-8 adapters on q/k/v/o, Hybrid adds template features", () => {
    expect(defaultBertLineParams("bert-dann")).toMatchObject({ adaptation: true, encoderTraining: "full" });
    expect(defaultBertLineParams("bert-lora")).toMatchObject({ encoderTraining: "lora", loraRank: 8 });
    expect(defaultBertLineParams("bert-lora").loraTargets).toEqual(expect.arrayContaining(["query", "value"]));
    expect(defaultBertLineParams("bert-hybrid")).toMatchObject({ templateFeatures: true, adaptation: false });
  });

  it("fits each kind, predicts probability rows that sum to 1, and keeps the tensor count flat across fit and predict", async () => {
    const { encoder, lines } = await tinyEncoder();
    const n = lines.content.length;
    const train = { contents: lines.content.slice(0, n - 40), y: lines.y.subarray(0, n - 40), domains: lines.systemOf.slice(0, n - 40), validation: { contents: lines.content.slice(n - 40, n - 20), y: lines.y.subarray(n - 40, n - 20) }, target: { contents: lines.content.slice(n - 20), domains: lines.systemOf.slice(n - 20) } };
    for (const kind of ["bert-dann", "bert-lora", "bert-hybrid"] as const) {
      const before = tf.memory().numTensors;
      const clf = await BertLineClassifier.fit(kind, encoder, train, { seed: 3, classes: lines.classes, params: QUICK });
      const p = clf.predictProba(lines.content.slice(n - 20));
      expect(p.length).toBe(20 * 7);
      for (let i = 0; i < 20; i++) expect(Array.from(p.subarray(i * 7, i * 7 + 7)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(clf.report!.epochs).toHaveLength(2);
      expect(clf.report!.distinctRows).toBeLessThanOrEqual(n - 40);
      if (kind === "bert-dann") {
        expect(clf.report!.targetRows).toBeGreaterThan(0);
        expect(clf.report!.epochs[0]!.lambda).toBe(0);
        expect(clf.report!.epochs[1]!.lambda).toBeCloseTo(0.1 * 0.99991, 4); // adaptationWeight 0.1 × λ(1)
      }
      // Repeated lines are run once and share the output: the same rows as when each line is alone.
      const some = [lines.content[0]!, lines.content[1]!, lines.content[0]!, lines.content[2]!, lines.content[1]!];
      const together = clf.predictProba(some);
      some.forEach((c, i) => {
        const alone = clf.predictProba([c]);
        for (let k = 0; k < 7; k++) expect(together[i * 7 + k]!).toBeCloseTo(alone[k]!, 5);
      });
      expect(Array.from(together.subarray(0, 7))).toEqual(Array.from(together.subarray(14, 21)));
      const after = tf.memory().numTensors;
      clf.predictProba(lines.content.slice(0, 50));
      expect(tf.memory().numTensors).toBe(after);
      clf.dispose();
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    }
  }, 120_000);

  it("LoRA trains only the adapters and the head; the counts say so", async () => {
    const { encoder, lines } = await tinyEncoder();
    const clf = await BertLineClassifier.fit("bert-lora", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 1 } });
    const { trainable, total } = clf.report!.parameters;
    // Adapters: 4 projections × (16·8 + 8·16) = 1024; head: 16·16+16 + 16·7+7 = 391.
    expect(trainable).toBe(1024 + 391);
    expect(total).toBeGreaterThan(trainable * 5);
    const frozen = await BertLineClassifier.fit("bert-dann", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 1, encoderTraining: "frozen", adaptation: false } });
    expect(frozen.report!.parameters.trainable).toBe(391);
    clf.dispose();
    frozen.dispose();
  }, 120_000);

  it("saves and loads to the same probabilities (hybrid: with its template features)", async () => {
    const { encoder, lines } = await tinyEncoder();
    const clf = await BertLineClassifier.fit("bert-hybrid", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 5, classes: lines.classes, params: { ...QUICK, epochs: 1 } });
    const dir = mkdtempSync(join(tmpdir(), "clf-"));
    try {
      const files = await clf.save(dir);
      expect(files).toContain("templates.json");
      const back = await BertLineClassifier.load(dir);
      expect(back.kind).toBe("bert-hybrid");
      const a = clf.predictProba(lines.content.slice(0, 30));
      const b = back.predictProba(lines.content.slice(0, 30));
      Array.from(a).forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
      back.dispose();
      await expect(BertLineClassifier.load(join(dir, "none"))).rejects.toThrow(/classifier\.json is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      clf.dispose();
    }
  }, 120_000);

  it("the same seed gives the same model", async () => {
    const { encoder, lines } = await tinyEncoder();
    const fit = () => BertLineClassifier.fit("bert-dann", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 11, classes: lines.classes, params: { ...QUICK, epochs: 1, dropout: 0.1 } });
    const a = await fit();
    const b = await fit();
    expect(Array.from(b.predictProba(lines.content.slice(0, 10)))).toEqual(Array.from(a.predictProba(lines.content.slice(0, 10))));
    a.dispose();
    b.dispose();
  }, 120_000);

  it("DANN with source-target domains tells labelled lines from the target's (two domains), whatever the systems", async () => {
    const { encoder, lines } = await tinyEncoder();
    const data = withTarget(lines);
    const bySystem = await BertLineClassifier.fit("bert-dann", encoder, data, { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 1 } });
    const twoDomains = await BertLineClassifier.fit("bert-dann", encoder, data, { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 1, domainLabels: "source-target" } });
    expect(bySystem.domains).toEqual([...new Set(lines.systemOf)].sort());
    expect(bySystem.domains.length).toBeGreaterThan(2);
    expect(twoDomains.domains).toEqual(["source", "target"]);
    bySystem.dispose();
    twoDomains.dispose();
  }, 120_000);

  it("conditional DANN (features ⊗ class probabilities into the domain head) trains, adapts and survives save and load", async () => {
    const { encoder, lines } = await tinyEncoder();
    const clf = await BertLineClassifier.fit("bert-dann", encoder, withTarget(lines), { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 2, domainInput: "features-x-classes" } });
    expect(clf.report!.targetRows).toBeGreaterThan(0);
    expect(clf.report!.epochs.every((e) => Number.isFinite(e.loss))).toBe(true);
    // The domain head reads headUnits × classes values, not headUnits.
    expect(clf.parameters.trainable).toBeGreaterThan(QUICK.headUnits * lines.classes.length * QUICK.domainUnits);
    await expectSameAfterSaveLoad(clf, lines.content.slice(0, 5), (back) => expect(back.params.domainInput).toBe("features-x-classes"));
  }, 120_000);

  it("label-shift-weighted DANN trains, and its domain weights change what it learns", async () => {
    const { encoder, lines } = await tinyEncoder();
    const fit = (domainWeighting: "lines" | "target-classes") => BertLineClassifier.fit("bert-dann", encoder, withTarget(lines), { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 3, adaptationWeight: 1, domainWeighting } });
    const plain = await fit("lines");
    const weighted = await fit("target-classes");
    expect(weighted.report!.epochs.every((e) => Number.isFinite(e.loss))).toBe(true);
    // Epoch 1 (λ = 0, every factor 1) trains as plain DANN; the reweighted domain loss differs from epoch 2 on.
    expect(weighted.report!.epochs[0]!.loss).toBeCloseTo(plain.report!.epochs[0]!.loss, 5);
    expect(weighted.report!.epochs[2]!.loss).not.toBeCloseTo(plain.report!.epochs[2]!.loss, 5);
    await expectSameAfterSaveLoad(weighted, lines.content.slice(0, 5), (back) => expect(back.params.domainWeighting).toBe("target-classes"));
    plain.dispose();
  }, 120_000);

  it("the target entropy term (VADA) makes the held-out lines' predictions more confident, and does nothing without target lines", async () => {
    const { encoder, lines } = await tinyEncoder();
    const data = withTarget(lines);
    const fit = (targetEntropyWeight: number, d: typeof data | Omit<typeof data, "target"> = data) => BertLineClassifier.fit("bert-dann", encoder, d, { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 4, targetEntropyWeight } });
    const meanEntropy = (clf: BertLineClassifier): number => {
      const p = clf.predictProba(data.target.contents);
      let h = 0;
      for (const v of p) if (v > 0) h -= v * Math.log(v);
      return h / data.target.contents.length;
    };
    const plain = await fit(0);
    const entropic = await fit(1);
    expect(entropic.report!.epochs.every((e) => Number.isFinite(e.loss))).toBe(true);
    expect(meanEntropy(entropic)).toBeLessThan(meanEntropy(plain));
    // Without unlabelled target lines the term has no rows to act on: the same model as β = 0.
    const { target: _unused, ...labelledOnly } = data;
    const a = await fit(0, labelledOnly);
    const b = await fit(1, labelledOnly);
    expect(Array.from(b.predictProba(data.target.contents))).toEqual(Array.from(a.predictProba(data.target.contents)));
    await expectSameAfterSaveLoad(entropic, lines.content.slice(0, 5), (back) => expect(back.params.targetEntropyWeight).toBe(1));
    for (const c of [plain, a, b]) c.dispose();
  }, 180_000);

  it("distinct target rows weigh the same in the domain loss: a repeated held-out line no longer outweighs the others", async () => {
    const { encoder, lines } = await tinyEncoder();
    const data = withTarget(lines);
    // One held-out line repeated 30 times: by line count it is 30 of the target's 49 lines.
    const repeated = { ...data, target: { contents: [...data.target.contents, ...Array<string>(30).fill(data.target.contents[0]!)], domains: [...data.target.domains, ...Array<string>(30).fill(data.target.domains[0]!)] } };
    const fit = (targetRowWeighting: "lines" | "distinct", d = repeated) => BertLineClassifier.fit("bert-dann", encoder, d, { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 2, adaptationWeight: 1, targetRowWeighting } });
    const byLines = await fit("lines");
    const distinct = await fit("distinct");
    expect(distinct.report!.targetRows).toBe(byLines.report!.targetRows);
    expect(distinct.report!.epochs.every((e) => Number.isFinite(e.loss))).toBe(true);
    expect(distinct.report!.epochs[1]!.loss).not.toBeCloseTo(byLines.report!.epochs[1]!.loss, 5);
    // With a single held-out line (one row of weight 1 either way) the two weightings are the same model.
    const once = { ...data, target: { contents: data.target.contents.slice(0, 1), domains: data.target.domains.slice(0, 1) } };
    const [a, b] = [await fit("lines", once), await fit("distinct", once)];
    expect(Array.from(b.predictProba(lines.content.slice(0, 5)))).toEqual(Array.from(a.predictProba(lines.content.slice(0, 5))));
    await expectSameAfterSaveLoad(distinct, lines.content.slice(0, 5), (back) => expect(back.params.targetRowWeighting).toBe("distinct"));
    for (const c of [byLines, a, b]) c.dispose();
  }, 180_000);

  it("head-only DANN: the reversed domain gradient reaches the head's feature layer and not the encoder", async () => {
    const { encoder, lines } = await tinyEncoder();
    const domainGrads = async (domainGradientReaches: "encoder" | "head") => {
      const clf = await BertLineClassifier.fit("bert-dann", encoder, withTarget(lines), { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 1, domainGradientReaches } });
      // The built network (private): the gradient of the domain logits alone, at λ = 1.
      const built = (clf as unknown as { built: { full: tf.LayersModel; reversal: { lambda: number } } }).built;
      built.reversal.lambda = 1;
      const K = lines.classes.length;
      const rows = lines.content.slice(0, 8).map((c) => Int32Array.from((clf as unknown as { tokenizer: { encode(c: string, n: number): number[] } }).tokenizer.encode(c, 16)));
      const T = Math.max(...rows.map((r) => r.length));
      const x = tf.tensor2d(Float32Array.from(rows.flatMap((r) => [...r, ...new Array<number>(T - r.length).fill(0)])), [rows.length, T]);
      const trainable = built.full.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads } = tf.variableGrads(() => {
        const out = built.full.apply(x, { training: false }) as tf.Tensor2D;
        return tf.sum(tf.slice(out, [0, K], [-1, -1])) as tf.Scalar;
      }, trainable);
      const norm = (pick: (name: string) => boolean) => built.full.trainableWeights.reduce((acc, w, i) => (pick(w.originalName) ? acc + tf.sum(tf.abs(grads[trainable[i]!.name]!)).dataSync()[0]! : acc), 0);
      const out = { encoder: norm((n) => n.startsWith("bert_")), head: norm((n) => n.startsWith("head_features")) };
      tf.dispose([x, ...Object.values(grads)]);
      clf.dispose();
      return out;
    };
    const full = await domainGrads("encoder");
    const headOnly = await domainGrads("head");
    expect(full.encoder).toBeGreaterThan(0);
    expect(full.head).toBeGreaterThan(0);
    expect(headOnly.encoder).toBe(0);
    expect(headOnly.head).toBeGreaterThan(0);
  }, 180_000);

  it("mean-max pooling doubles the sentence embedding and survives save and load", async () => {
    const { encoder, lines } = await tinyEncoder();
    const clf = await BertLineClassifier.fit("bert-dann", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 3, classes: lines.classes, params: { ...QUICK, epochs: 1, adaptation: false, pooling: "mean-max" } });
    const H = 2 * encoder.config.hidden;
    expect(clf.embed(lines.content.slice(0, 3)).length).toBe(3 * H);
    // A repeated line is embedded once and gets the same embedding as alone.
    const e = clf.embed([lines.content[4]!, lines.content[5]!, lines.content[4]!]);
    const alone = clf.embed([lines.content[5]!]);
    for (let j = 0; j < H; j++) expect(e[H + j]!).toBeCloseTo(alone[j]!, 5);
    expect(Array.from(e.subarray(0, H))).toEqual(Array.from(e.subarray(2 * H, 3 * H)));
    await expectSameAfterSaveLoad(clf, lines.content.slice(0, 5));
  }, 120_000);

  it("selecting epochs by validation macro F1 records the criterion per epoch", async () => {
    const { encoder, lines } = await tinyEncoder();
    const n = lines.content.length;
    const clf = await BertLineClassifier.fit("bert-hybrid", encoder, { contents: lines.content.slice(0, n - 30), y: lines.y.subarray(0, n - 30), domains: lines.systemOf.slice(0, n - 30), validation: { contents: lines.content.slice(n - 30), y: lines.y.subarray(n - 30) } }, { seed: 3, classes: lines.classes, params: { ...QUICK, selectEpochBy: "macro-f1" } });
    const crit = clf.report!.epochs.map((e) => e.valCriterion);
    expect(crit).toHaveLength(2);
    for (const c of crit) {
      expect(c).toBeLessThanOrEqual(0);
      expect(c).toBeGreaterThanOrEqual(-1);
    }
    clf.dispose();
  }, 120_000);
});

describe("distinctInputs", () => {
  it("keeps one input per distinct (token row, feature row), in first-occurrence order, and maps every line to it", () => {
    const rows = [Int32Array.of(1, 2), Int32Array.of(3), Int32Array.of(1, 2), Int32Array.of(1, 2)];
    const feats = Float32Array.of(0.5, 1, 9, 9, 0.5, 1, 0.5, 2);
    const d = distinctInputs(rows, feats, 2);
    expect(d.rows.map((r) => Array.from(r))).toEqual([[1, 2], [3], [1, 2]]); // the last line's features differ
    expect(Array.from(d.feats)).toEqual([0.5, 1, 9, 9, 0.5, 2]);
    expect(Array.from(d.of)).toEqual([0, 1, 0, 2]);
    const noFeatures = distinctInputs(rows, new Float32Array(0), 0);
    expect(noFeatures.rows).toHaveLength(2);
    expect(Array.from(noFeatures.of)).toEqual([0, 1, 0, 0]);
  });
});

describe("dannLabelLossScale", () => {
  it("restores the labelled lines' mean when unlabelled target lines share the batches (Ganin et al.'s equal halves: 2)", () => {
    expect(dannLabelLossScale(100, 100)).toBe(2);
    expect(dannLabelLossScale(100, 0)).toBe(1);
    expect(dannLabelLossScale(30, 10)).toBeCloseTo(4 / 3, 12);
    expect(() => dannLabelLossScale(0, 5)).toThrow(/source > 0/);
  });
});

describe("labelShiftDomainScales", () => {
  it("gives each domain the target's class shares and keeps its total weight", () => {
    // Domain 0: classes 0/1 weigh 3/1; domain 1: 1/1; the target is estimated half and half.
    const rows = [
      { label: 0, domain: 0, weight: 3 },
      { label: 1, domain: 0, weight: 1 },
      { label: 0, domain: 1, weight: 1 },
      { label: 1, domain: 1, weight: 1 },
      { label: -1, domain: 2, weight: 5 },
    ];
    const s = labelShiftDomainScales(rows, [0.5, 0.5]);
    // Domain 0: 3·a + 1·b = 4 and 3·a = 1·b → a = 2/3, b = 2.
    expect(s[0]).toBeCloseTo(2 / 3, 6);
    expect(s[1]).toBeCloseTo(2, 6);
    expect(s[2]).toBeCloseTo(1, 6);
    expect(s[3]).toBeCloseTo(1, 6);
    expect(s[4]).toBe(1);
  });

  it("caps the ratios, and leaves a domain alone when the target has none of its classes", () => {
    const rows = [
      { label: 0, domain: 0, weight: 99 },
      { label: 1, domain: 0, weight: 1 },
      { label: 2, domain: 1, weight: 4 },
    ];
    const s = labelShiftDomainScales(rows, [0.5, 0.5, 0], 10);
    // Raw ratios 0.5/0.99 and 0.5/0.01 = 50 → capped at 10, then scaled to keep the total 100.
    const a = 0.5 / 0.99;
    const k = 100 / (99 * a + 10);
    expect(s[0]).toBeCloseTo(a * k, 5);
    expect(s[1]).toBeCloseTo(10 * k, 5);
    expect(s[2]).toBe(1);
    expect(() => labelShiftDomainScales([{ label: 3, domain: 0, weight: 1 }], [1, 0])).toThrow(/class 3/);
  });

  it("meanClassShares averages the rows of class probabilities", () => {
    expect(Array.from(meanClassShares(Float32Array.of(1, 0, 0.5, 0.5), 2))).toEqual([0.75, 0.25]);
  });
});

describe("macroF1Of", () => {
  it("averages F1 over the classes in the truth only", () => {
    // class 0: tp 1, truth 2, predicted 1 → 2/3; class 1: tp 1, truth 1, predicted 2 → 2/3; class 2 absent.
    expect(macroF1Of([0, 0, 1], [0, 1, 1], 3)).toBeCloseTo(2 / 3, 10);
    expect(macroF1Of([1, 1], [1, 1], 3)).toBe(1);
    expect(macroF1Of([0], [2], 3)).toBe(0);
  });
});

describe("templateBalanceWeights", () => {
  const contents = [...Array.from({ length: 8 }, (_, i) => `Connection from 10.0.0.${i} closed`), "Disk /dev/sda1 failed", "Disk /dev/sdb2 failed"];
  it("0 weighs every line the same; 1 gives every template the same total, with a mean of 1", () => {
    expect(Array.from(templateBalanceWeights(contents, 0))).toEqual(new Array(10).fill(1));
    const w = templateBalanceWeights(contents, 1);
    const sum = (a: number, b: number): number => a + b;
    expect(Array.from(w).reduce(sum, 0)).toBeCloseTo(10, 10);
    expect(Array.from(w.subarray(0, 8)).reduce(sum, 0)).toBeCloseTo(Array.from(w.subarray(8)).reduce(sum, 0), 10);
    expect(w[8]).toBeCloseTo(w[9]!, 10);
  });
});
