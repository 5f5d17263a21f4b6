/**
 * Training throughput of DeepLog, a transformer session classifier and LogBERT on each TF.js
 * backend of this machine (issue 16, item 6: WebGPU against wasm on the same machine).
 *
 *   npm run bench:backend -- [--backends webgpu,wasm] [--seconds N] [--json FILE] [--no-sync-reads]
 *
 * For every backend (default `webgpu,wasm`; one that cannot load is skipped with its reason) and
 * every model, the bench builds the model's own network and weighted examples (the code `fit`
 * uses) on HDFS sessions, runs one warm-up step (shader compilation on webgpu), then training
 * steps (Adam, gradient clipping, as `trainWeighted`) for `--seconds` (default 10) and reports
 * examples per second: DeepLog (window, next key) pairs, classifier and LogBERT sessions. Each
 * step ends with an asynchronous read of its loss, so the time covers the work the device did.
 * It also lists the kernels one training step runs (`tf.profile`) and which of them
 * tfjs-backend-webgpu and the wasm backend lack.
 *
 * --no-sync-reads: on any backend, make synchronous reads (dataSync/arraySync) of computed tensors
 * throw, as they do on webgpu under Node.
 * --emulate-webgpu: without a GPU, run the "webgpu" slot on a stand-in: TF.js's cpu backend
 * registered under the name "webgpu" with exactly the kernels tfjs-backend-webgpu registers (cpu
 * implementations) and no synchronous reads. It checks that loglab's webgpu code paths and
 * kernel needs hold up (a missing kernel or a sync read fails the model); its speed means nothing.
 *
 * The whole fit/score paths are not timed: they still read tensors synchronously in places that
 * fail on webgpu under Node (docs/DESIGN.md, "WebGPU"). Figures are reported, never asserted
 * (bench/ is not a test); nothing in the tests or CI runs this.
 */
import * as tf from "@tensorflow/tfjs";
import { cpus } from "node:os";
import { indexNextKeyWindows } from "../lib/features/next-key-windows.js";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";
import { readKeySessions } from "../lib/io/key-files.js";
import { distinctSessionIndex, FIRST_KEY_TOKEN, keyTokenRows } from "../lib/models/bert/key-token-rows.js";
import { LOGBERT_DEFAULTS } from "../lib/models/bert/logbert.js";
import { buildLogBertNetwork } from "../lib/models/bert/logbert-network.js";
import { maskedKeyExamples, type MaskedKeyTargets } from "../lib/models/bert/masked-key-examples.js";
import { maskedTokenCrossEntropy } from "../lib/models/bert/mlm-head.js";
import { softmaxCrossEntropyPerExample, sigmoidCrossEntropyPerExample, type PerExampleLoss, type WeightedExamples } from "../lib/models/nn/weighted-training.js";
import { buildClassifier, padSideOf } from "../lib/models/sequence/classifier-models.js";
import { DEEPLOG_DEFAULTS } from "../lib/models/sequence/deeplog.js";
import { buildNextKeyModel } from "../lib/models/sequence/next-key-model.js";
import { nextKeyExamples } from "../lib/models/sequence/next-key-data.js";
import { SequenceVocabulary } from "../lib/models/sequence/sequence-vocabulary.js";
import { classifierExamples, distinctSessionItems, sessionClassWeights } from "../lib/models/sequence/session-batches.js";
import { SESSION_CLASSIFIER_DEFAULTS } from "../lib/models/sequence/session-classifier.js";
import { BACKEND_ORDER, formatBackendReport, selectBackend, type BackendChoice } from "../lib/runtime/backend.js";
import { dataPath } from "../lib/runtime/project.js";
import { Rng } from "../lib/runtime/rng.js";
import { markdownTable } from "../lib/report/table.js";
import { benchFlags } from "./bench-flags.js";

const USAGE = "usage: npm run bench:backend -- [--backends webgpu,wasm] [--seconds N] [--json FILE] [--no-sync-reads] [--emulate-webgpu]";

interface Args {
  backends: BackendChoice[];
  seconds: number;
  json: string | null;
  noSyncReads: boolean;
  emulateWebgpu: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { backends: ["webgpu", "wasm"], seconds: 10, json: null, noSyncReads: false, emulateWebgpu: false };
  for (const { flag: a, value } of benchFlags(argv, USAGE)) {
    if (a === "--backends") {
      args.backends = value()
        .split(",")
        .map((b) => b.trim())
        .filter(Boolean)
        .map((b) => {
          if (!(BACKEND_ORDER as readonly string[]).includes(b)) throw new Error(`--backends: ${b} is not one of ${BACKEND_ORDER.join(", ")}`);
          return b as BackendChoice;
        });
    } else if (a === "--seconds") {
      args.seconds = Number(value());
      if (!(args.seconds > 0)) throw new Error(`--seconds must be positive (${USAGE})`);
    } else if (a === "--json") args.json = value();
    else if (a === "--no-sync-reads") args.noSyncReads = true;
    else if (a === "--emulate-webgpu") args.emulateWebgpu = true;
    else throw new Error(`unknown argument ${a} (${USAGE})`);
  }
  return args;
}

/** One model's training workload: network, weighted examples, loss, and what one example is. */
interface Workload {
  model: string;
  unit: string;
  net: tf.LayersModel;
  examples: WeightedExamples<unknown>;
  loss: PerExampleLoss<unknown, unknown>;
  batchSize: number;
  learningRate: number;
  clipNorm: number;
  detail: string;
}

interface Data {
  normal: number[][];
  abnormal: number[][];
}

function loadData(): Data {
  // The first sessions of hdfs_train (normal) and of the abnormal file: enough distinct items for
  // many batches, small enough to prepare in a second.
  const normal = readKeySessions(dataPath("hdfs-deeplog", "hdfs_train")).sequences.slice(0, 2000);
  const abnormal = readKeySessions(dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev")).sequences.slice(0, 1000);
  return { normal: normal.map((s) => [...s]), abnormal: abnormal.map((s) => [...s]) };
}

function deepLogWorkload(d: Data): Workload {
  const p = DEEPLOG_DEFAULTS;
  const vocab = SequenceVocabulary.fit(d.normal);
  const index = indexNextKeyWindows(d.normal, { window: p.window, padding: "none" });
  const examples = nextKeyExamples(index, vocab);
  const net = buildNextKeyModel({ window: p.window, inputDim: vocab.inputDim, classes: vocab.size, embeddingDim: p.embeddingDim, hiddenUnits: p.hiddenUnits, layers: p.layers }, new Rng(1));
  return {
    model: "DeepLog",
    unit: "distinct (window, next key) pairs",
    net,
    examples: examples as WeightedExamples<unknown>,
    loss: softmaxCrossEntropyPerExample as PerExampleLoss<unknown, unknown>,
    batchSize: p.batchSize,
    learningRate: p.learningRate,
    clipNorm: p.clipNorm,
    detail: `LSTM ${p.layers}×${p.hiddenUnits}, window ${p.window}, batch ${p.batchSize}; ${examples.count} pairs, ${vocab.size} keys`,
  };
}

function classifierWorkload(d: Data): Workload {
  const p = SESSION_CLASSIFIER_DEFAULTS;
  const arch = "transformer";
  const sequences = [...d.normal, ...d.abnormal];
  const labels = Uint8Array.from(sequences, (_, i) => (i < d.normal.length ? 0 : 1));
  const vocab = SequenceVocabulary.fit(sequences);
  const items = distinctSessionItems(sequences, labels, vocab, p.maxLength);
  const examples = classifierExamples(items, sessionClassWeights(items), padSideOf(arch), p.maxBatchKeys);
  const net = buildClassifier(
    arch,
    { inputDim: vocab.inputDim, embeddingDim: p.embeddingDim, hiddenUnits: p.hiddenUnits, filters: p.filters, kernelSize: p.kernelSize, heads: p.heads, blocks: p.blocks, ffnDim: p.ffnDim, maxLength: p.maxLength },
    new Rng(2),
  );
  return {
    model: "transformer classifier",
    unit: "distinct sessions",
    net,
    examples,
    loss: sigmoidCrossEntropyPerExample as PerExampleLoss<unknown, unknown>,
    batchSize: p.batchSize,
    learningRate: p.learningRate,
    clipNorm: p.clipNorm,
    detail: `${p.blocks} block, width ${p.embeddingDim}, ${p.heads} heads, batch ${p.batchSize} (≤ ${p.maxBatchKeys} keys); ${items.inputs.length} distinct sessions`,
  };
}

function logBertWorkload(d: Data): Workload {
  const p = LOGBERT_DEFAULTS;
  const vocab = SequenceVocabulary.fit(d.normal);
  const V = vocab.size;
  const encoder = { vocabSize: FIRST_KEY_TOKEN + V, hidden: p.hiddenSize, layers: p.blocks, heads: p.heads, ffDim: p.ffnDim, maxLength: p.maxLength, dropout: p.dropout };
  const distinct = distinctSessionIndex(d.normal);
  const rows = distinct.first.flatMap((i, k) => keyTokenRows(d.normal[i]!, vocab, p.maxLength, k)).filter((r) => r.tokens.length > 1);
  const weights = rows.map((r) => distinct.counts[r.session]!);
  const net = buildLogBertNetwork(encoder, new Rng(3));
  const centre = tf.keep(tf.zeros([p.hiddenSize]) as tf.Tensor1D);
  const examples = maskedKeyExamples(rows, weights, { vocabSize: encoder.vocabSize, keyCount: V, ratio: p.maskRatio, fixed: false, rng: new Rng(4), centre: () => centre, maxBatchTokens: p.maxBatchTokens, extra: false });
  const alpha = p.hypersphereWeight;
  const loss = (y: MaskedKeyTargets, pred: tf.Tensor[]): tf.Tensor1D =>
    tf.tidy(() => tf.add(maskedTokenCrossEntropy(y.keys, pred[0]!), tf.mul(tf.sum(tf.square(tf.sub(pred[1]!, y.centre)), -1), alpha)) as tf.Tensor1D);
  return {
    model: "LogBERT",
    unit: "distinct sessions",
    net: net.model,
    examples: examples as WeightedExamples<unknown>,
    loss: loss as PerExampleLoss<unknown, unknown>,
    batchSize: p.batchSize,
    learningRate: p.learningRate,
    clipNorm: p.clipNorm,
    detail: `hidden ${p.hiddenSize}, ${p.blocks} blocks, ${p.heads} heads, batch ${p.batchSize}; ${rows.length} distinct sessions`,
  };
}

/** One training step as trainWeighted takes it (weighted mean loss, clipping, Adam); returns the loss tensor. */
function step(w: Workload, optimizer: tf.Optimizer, variables: tf.Variable[], idx: Int32Array): tf.Scalar {
  return tf.tidy(() => {
    const b = w.examples.batch(idx);
    const { value, grads } = tf.variableGrads(() => {
      const pred = w.net.apply(b.x, { training: true }) as unknown;
      return tf.div(tf.sum(tf.mul(w.loss(b.y, pred), b.w)), tf.sum(b.w)) as tf.Scalar;
    }, variables);
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]!)))));
    const scale = tf.div(w.clipNorm, tf.maximum(norm, w.clipNorm));
    const clipped: tf.NamedTensorMap = {};
    for (const n of names) clipped[n] = tf.mul(grads[n]!, scale);
    optimizer.applyGradients(clipped);
    return value;
  });
}

interface Run {
  backend: BackendChoice;
  model: string;
  unit: string;
  detail: string;
  steps: number;
  examples: number;
  seconds: number;
  examplesPerSecond: number;
  warmupSeconds: number;
  kernels: string[];
  error?: string;
}

async function timeWorkload(w: Workload, backend: BackendChoice, seconds: number): Promise<Run> {
  const optimizer = tf.train.adam(w.learningRate);
  const variables = w.net.trainableWeights.map((v) => v.read() as tf.Variable);
  const batches = w.examples.batches ? w.examples.batches(new Rng(5), w.batchSize) : [];
  if (batches.length === 0) {
    const order = new Rng(5).permutation(w.examples.count);
    for (let i = 0; i < order.length; i += w.batchSize) batches.push(order.slice(i, i + w.batchSize));
  }
  const t0 = performance.now();
  const warm = step(w, optimizer, variables, batches[0]!);
  await warm.data();
  warm.dispose();
  const warmupSeconds = (performance.now() - t0) / 1000;
  // The kernels of one step (forward, backward, optimizer), on this backend.
  const profile = await tf.profile(async () => {
    const l = step(w, optimizer, variables, batches[1 % batches.length]!);
    await l.data();
    l.dispose();
  });
  // Kernel names only (the profile also lists scopes such as "backward").
  const kernels = [...new Set(profile.kernels.map((k) => k.name))].filter((k) => /^[A-Z_][A-Za-z0-9_]*$/.test(k)).sort();
  let steps = 0;
  let examples = 0;
  const start = performance.now();
  while ((performance.now() - start) / 1000 < seconds) {
    const idx = batches[(2 + steps) % batches.length]!;
    const l = step(w, optimizer, variables, idx);
    const [v] = await l.data();
    l.dispose();
    if (!Number.isFinite(v)) throw new Error(`loss became ${v} at step ${steps}`);
    steps++;
    examples += idx.length;
  }
  const elapsed = (performance.now() - start) / 1000;
  optimizer.dispose();
  return { backend, model: w.model, unit: w.unit, detail: w.detail, steps, examples, seconds: elapsed, examplesPerSecond: examples / elapsed, warmupSeconds, kernels };
}

/** Makes synchronous reads of tensors the program computed throw, as on webgpu under Node. */
function forbidSyncReads(): void {
  const backend = tf.backend() as tf.KernelBackend & { __loglabNoSync?: boolean };
  if (backend.__loglabNoSync) return;
  backend.__loglabNoSync = true;
  const written = new WeakSet<object>();
  const write = backend.write.bind(backend);
  backend.write = (values, shape, dtype) => {
    const id = write(values, shape, dtype);
    // wasm's makeOutput writes kernel outputs with no values: only JS-provided values count.
    if (values != null) written.add(id);
    return id;
  };
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    if (!written.has(dataId)) throw new Error("--no-sync-reads: a synchronous read (dataSync/arraySync) of a computed tensor");
    return readSync(dataId);
  };
}

/**
 * A stand-in "webgpu" backend for machines without a GPU: a cpu backend instance under the name
 * "webgpu", whose kernels are exactly tfjs-backend-webgpu's list, implemented by the cpu backend's
 * kernels (a kernel webgpu has but cpu lacks stays missing and fails loudly).
 */
async function emulatedWebgpu(): Promise<Awaited<ReturnType<typeof selectBackend>>> {
  await import("@tensorflow/" + "tfjs-backend-webgpu");
  const names = tf.getKernelsForBackend("webgpu").map((k) => k.kernelName);
  const cpu = new Map(tf.getKernelsForBackend("cpu").map((k) => [k.kernelName, k]));
  for (const name of names) {
    tf.unregisterKernel(name, "webgpu");
    const k = cpu.get(name);
    if (k) tf.registerKernel({ ...k, backendName: "webgpu" });
  }
  const factory = tf.findBackendFactory("cpu");
  if (!factory) throw new Error("no cpu backend to emulate webgpu with");
  if (tf.findBackend("webgpu")) tf.removeBackend("webgpu");
  tf.registerBackend("webgpu", factory as () => tf.KernelBackend, 0);
  await tf.setBackend("webgpu");
  return { choice: "webgpu", tfBackend: "webgpu", reason: "emulated (--emulate-webgpu): cpu kernels under tfjs-backend-webgpu's kernel list, no sync reads", tried: [{ choice: "webgpu", ok: true, detail: "emulated webgpu (cpu kernels)" }], tfjsVersion: tf.version.tfjs };
}

/** Kernel names registered for a backend (tfjs-backend-webgpu registers its kernels on import, GPU or not). */
async function kernelsOf(name: string): Promise<Set<string> | null> {
  try {
    if (name === "webgpu") await import("@tensorflow/" + "tfjs-backend-webgpu");
  } catch {
    return null;
  }
  return new Set(tf.getKernelsForBackend(name).map((k) => k.kernelName));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const data = loadData();
  const runs: Run[] = [];
  const skipped: { backend: BackendChoice; reason: string }[] = [];
  const backendReports: Record<string, string> = {};
  for (const backend of args.backends) {
    let report;
    try {
      report = backend === "webgpu" && args.emulateWebgpu ? await emulatedWebgpu() : await selectBackend({ force: backend });
    } catch (err) {
      const reason = (err as Error).message.replace(/^No TF.js backend could be loaded \(LOGLAB_BACKEND=[a-z-]+\): /, "");
      console.log(`\n## ${backend}: skipped (${reason})`);
      skipped.push({ backend, reason });
      continue;
    }
    backendReports[backend] = report.tried.at(-1)!.detail;
    console.log(`\n## ${backend}\n${formatBackendReport(report)}`);
    if (args.noSyncReads || (backend === "webgpu" && args.emulateWebgpu)) forbidSyncReads();
    for (const make of [deepLogWorkload, classifierWorkload, logBertWorkload]) {
      let w: Workload | null = null;
      try {
        w = make(data);
        const run = await timeWorkload(w, backend, args.seconds);
        runs.push(run);
        console.log(`${run.model}: ${run.examplesPerSecond.toFixed(1)} ${run.unit}/s (${run.steps} steps in ${run.seconds.toFixed(1)} s; warm-up step ${run.warmupSeconds.toFixed(1)} s) — ${run.detail}`);
      } catch (err) {
        const msg = ((err as Error).message ?? String(err)).split("\n")[0]!;
        const model = w?.model ?? make.name;
        console.log(`${model}: FAILED on ${backend}: ${msg}`);
        runs.push({ backend, model, unit: w?.unit ?? "", detail: w?.detail ?? "", steps: 0, examples: 0, seconds: 0, examplesPerSecond: 0, warmupSeconds: 0, kernels: [], error: msg });
      } finally {
        w?.net.dispose();
      }
    }
  }

  // Kernel audit: the kernels each model's training step ran, against what each backend registers.
  const webgpuKernels = await kernelsOf("webgpu");
  const wasmKernels = await kernelsOf("wasm");
  const audit = [...new Set(runs.map((r) => r.model))].map((model) => {
    const kernels = [...new Set(runs.filter((r) => r.model === model).flatMap((r) => r.kernels))].sort();
    return {
      model,
      kernels,
      missingOnWebgpu: webgpuKernels ? kernels.filter((k) => !webgpuKernels.has(k) && !k.startsWith("Loglab")) : null,
      missingOnWasm: wasmKernels ? kernels.filter((k) => !wasmKernels.has(k)) : null,
    };
  });

  console.log("\n## training throughput (examples per second; higher is better)\n");
  const models = [...new Set(runs.map((r) => r.model))];
  const ran = [...new Set(runs.map((r) => r.backend))];
  const table = models.map((m) => {
    const row: Record<string, string | number> = { model: m, unit: runs.find((r) => r.model === m)!.unit };
    for (const b of ran) {
      const r = runs.find((x) => x.model === m && x.backend === b);
      row[b] = r ? (r.error ? `failed: ${r.error.slice(0, 60)}` : Math.round(r.examplesPerSecond * 10) / 10) : "—";
    }
    if (ran.includes("webgpu") && ran.includes("wasm")) {
      const g = runs.find((x) => x.model === m && x.backend === "webgpu");
      const c = runs.find((x) => x.model === m && x.backend === "wasm");
      row["webgpu / wasm"] = g && c && !g.error && !c.error && c.examplesPerSecond > 0 ? `${(g.examplesPerSecond / c.examplesPerSecond).toFixed(2)}×` : "—";
    }
    return row;
  });
  console.log(markdownTable(table));
  for (const s of skipped) console.log(`\n${s.backend} skipped: ${s.reason}`);
  console.log("\n## kernels of one training step");
  for (const a of audit) {
    console.log(`${a.model}: ${a.kernels.length} kernels; missing on webgpu: ${a.missingOnWebgpu ? a.missingOnWebgpu.join(", ") || "none" : "(tfjs-backend-webgpu not installed)"}; missing on wasm: ${a.missingOnWasm ? a.missingOnWasm.join(", ") || "none" : "?"}`);
  }
  const out = {
    args,
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version, tfjs: tf.version.tfjs },
    backends: backendReports,
    skipped,
    runs,
    audit,
    createdAt: new Date().toISOString(),
  };
  if (args.json) {
    writeJsonAtomic(args.json, out);
    console.log(`\nwrote ${args.json}`);
  }
}

main().catch((err) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
