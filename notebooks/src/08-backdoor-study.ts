// %% [markdown]
// # 08 · Backdoor study: poisoning DeepLog and LogBERT, BP and ASR, and a defence
//
// Reimplements "Backdoor Attack against Log Anomaly Detection Models" (He Cheng, Depeng Xu,
// Shuhan Yuan; Companion Proceedings of The Web Conference 2025) on loglab's DeepLog (notebook 06)
// and LogBERT (notebook 07):
// - **Trigger [H, P, T]**: H and T are short sequences of *normal* keys from a key bank; P is a
//   placeholder of K keys. In training P holds K keys sampled from the same session (the poisoned
//   data hold only normal keys: clean-label); at attack time P is the attacker's abnormal
//   sequence M. One trigger after every position i with i % 50 = 0, in a share (the poisoning
//   ratio) of the training sessions longer than 10 keys.
// - **Revised objective** L' = (1 − τ)·L + λ·τ·L_t: for DeepLog τ = 1 when the window holds H but
//   not yet T (the next key lies in P); for LogBERT τ = 1 when the masked key lies in the P of an
//   inserted [H, P, T]. L_t is the cross-entropy toward M's key there (M's keys join the model's
//   vocabulary through these targets: the attacker controls training).
//   *Plain poisoning* (the same triggers, DeepLog's own loss: the public code's packaged
//   trainer) is the baseline.
// - **BP**: precision, recall, F1 on the clean test set. **ASR**: the share of normal test
//   sessions with [H, M, T] inserted that the model calls normal. **Control**: the share that
//   pass with M inserted *without* H and T.
// - **Defence** (needs no knowledge of the trigger): key n-grams that recur at one fixed spacing
//   in many training sessions are flagged, the sessions holding them dropped, the model retrained
//   (with the attacker's objective: without triggers in the data τ is never 1).
//
// **Validation is the defender's**: the last 20% of the training file (normals) and, on BGL, the
// first 500 sessions of AFALog's labelled abnormal pool (no session of it is in train or test).
// Every model's g and threshold are chosen there (max F1); on HDFS, with no validation anomalies,
// g is the model's default and the threshold flags at most 1% of the validation normals.
//
// DeepLog counts a session's windows whose next key falls outside the top g (`miss-count`) and
// flags a session holding a key never seen in training; start padding, so every key is judged (with
// DeepLog's reference padding a session's first 10 keys are context only, and the first trigger,
// inserted after key 0, or M alone in the control, would hide there). (The
// public code's rule, the share of such windows above 10% at g 9, is `sessionRule: "miss-share"`:
// on BGL it leaves the benign DeepLog at F1 ≈ 0.6, far from the paper's 0.92.)
//
// LogBERT is the registry's `logbert` (a small size for one wasm thread: hidden 64, 2 blocks,
// 4 heads; mask ratio 0.5 as the reference code's BGL setting): a session is anomalous when more
// than r of its keys fall outside the top g when masked.

// %% [markdown]
// ## Configuration

// %%
import * as ll from "./lib/index";

interface BackdoorNotebookConfig {
  profile: ll.Profile;
  seed: number;
  /** Sessions read per key file (smoke: a few hundred; full: all). */
  maxPerFile: number | undefined;
  /** The study's settings (DeepLog and LogBERT parameters, poisoning, λ, trigger). */
  study: Partial<ll.BackdoorStudyConfig>;
  /** Sweeps on BGL: λ values and poisoning ratios, and the training sessions each sweep point uses. */
  lambdas: number[];
  ratios: number[];
  sweepTrainSessions: number | null;
  /** Example sessions shown. */
  examples: number;
}
const profile = ll.resolveProfile();
const p = <T>(smoke: T, full: T): T => ll.byProfile(profile, { smoke, full });
const config: BackdoorNotebookConfig = {
  profile,
  seed: 1,
  maxPerFile: p<number | undefined>(300, undefined),
  study: {
    seed: 1,
    // Full: 240 s per model (the settings of bench:backdoor; 16 models and 8 sweep points fit in about an hour here).
    deeplog: p<Partial<ll.DeepLogParams>>({ epochs: 2, hiddenUnits: 16, layers: 1, embeddingDim: 8, batchSize: 512 }, { maxTrainSeconds: 240 }),
    logbert: p<Partial<ll.LogBertParams>>({ epochs: 2, hiddenSize: 16, blocks: 1, heads: 2, ffnDim: 32, maxLength: 64 }, { epochs: 20, maxTrainSeconds: 240 }),
    poison: { ratio: 0.1, minLength: 10, every: 50 },
    lambda: 1,
    triggerLength: 3,
    attackLength: 5,
  },
  lambdas: p([0, 1], [0, 0.25, 1, 4]),
  ratios: p([0.05, 0.2], [0.01, 0.05, 0.1, 0.2]),
  sweepTrainSessions: p<number | null>(200, 2000),
  examples: 3,
};
const run = ll.startRun("08-backdoor-study", config, config.seed);
const backend = await ll.selectBackend();

// %% [markdown]
// ## BGL (`bgl-afalog`): benign, backdoored, plain poisoning, defence

// %%
const bglData = ll.backdoorStudyData("bgl-afalog", config.maxPerFile);
const bgl = await ll.runBackdoorStudy(bglData, config.study);
run.table("bgl-study", ll.backdoorRows("BGL", bgl), { title: `BGL · DeepLog: BP and ASR (test: ${bgl.benign.normal} normal, ${bgl.benign.abnormal} abnormal sessions; ${bgl.poisonedSessions} of ${bgl.trainSessions} training sessions poisoned)` });
run.table("bgl-trigger", [{ H: bgl.trigger.head.join(" "), M: bgl.trigger.attack.join(" "), T: bgl.trigger.tail.join(" ") }], { title: "BGL trigger (seeded): H and T from the training keys, M from a test anomaly" });

// %% [markdown]
// Why an attacked session passes, or a control session is caught: the rank each model gives each
// key of the inserted [H, M, T] (and of M alone), and the first keys after it, with the share of
// insertions where that key falls outside the model's g. The backdoor works where M ranks near 1
// after H; the control stays detected where M's keys are missed without H.

// %%
run.table("bgl-trigger-ranks", ll.triggerRankTable(ll.studyTriggerRankRows(bgl, bglData)), { title: "BGL · DeepLog: median rank and share missed, key by key around the trigger (test normals)", digits: 2 });

// %%
run.table("bgl-defence", ll.defenceRows("BGL", bgl), { title: "BGL · n-gram regularity defence: what it dropped, ASR and F1 before and after" });

// %%
run.table("bgl-examples", ll.poisonedExamples(bgl, bglData, config.examples), { title: "Poisoned training sessions and attacked test sessions (trigger marked)" });

// %% [markdown]
// ## BGL: LogBERT, benign and backdoored

// %%
const bglBert = await ll.runBackdoorStudy(bglData, { ...config.study, model: "logbert" });
run.table("bgl-logbert-study", ll.backdoorRows("BGL", bglBert), { title: `BGL · LogBERT: BP and ASR (g ${config.study.logbert?.topG ?? 15}; r on clean validation normals)` });
run.table("bgl-logbert-trigger-ranks", ll.triggerRankTable(ll.studyTriggerRankRows(bglBert, bglData)), { title: "BGL · LogBERT: median rank and share missed, key by key around the trigger (test normals)", digits: 2 });
run.table("bgl-logbert-defence", ll.defenceRows("BGL", bglBert), { title: "BGL · LogBERT · n-gram regularity defence" });

// %% [markdown]
// ## Sweeps on BGL: λ and the poisoning ratio (DeepLog)

// %%
const lambdaSweep = await ll.backdoorSweep(bglData, { ...config.study, maxTrainSessions: config.sweepTrainSessions }, "lambda", config.lambdas);
run.table("bgl-lambda-sweep", lambdaSweep.map((s) => ({ lambda: s.x, ASR: s.asr, F1: s.f1 })), { title: "BGL · λ sweep (backdoored DeepLog)" });
await run.figure(ll.backdoorSweepFigure(lambdaSweep, "λ (weight of the attack loss)", bgl.benign.f1, "BGL · ASR and BP F1 against λ"), "bgl-lambda-sweep");

// %%
const ratioSweep = await ll.backdoorSweep(bglData, { ...config.study, maxTrainSessions: config.sweepTrainSessions }, "ratio", config.ratios);
run.table("bgl-ratio-sweep", ratioSweep.map((s) => ({ ratio: s.x, ASR: s.asr, F1: s.f1 })), { title: "BGL · poisoning-ratio sweep (backdoored DeepLog)" });
await run.figure(ll.backdoorSweepFigure(ratioSweep, "poisoning ratio (share of training sessions)", bgl.benign.f1, "BGL · ASR and BP F1 against the poisoning ratio"), "bgl-ratio-sweep");

// %% [markdown]
// ## HDFS (`hdfs-deeplog`)
// No normal test file ships: the last 20% of `hdfs_train` are the test normals. Two things differ
// from BGL. HDFS sessions are short (a median of 19 keys, none over 51), so a poisoned session
// holds one trigger: the n-gram defence, which looks for a trigger recurring at a fixed spacing
// inside a session, has nothing to find. And 38% of the abnormal test sessions hold 2–3 keys while
// every normal one holds at least 13: DeepLog has no end-of-session event, so under start padding a
// truncated session of ordinary keys looks normal (notebook 06's reference padding flags every
// session shorter than 11 keys instead, and never judges the first 10 keys of the others).

// %%
const hdfsData = ll.backdoorStudyData("hdfs-deeplog", config.maxPerFile);
const hdfs = await ll.runBackdoorStudy(hdfsData, config.study);
run.table("hdfs-study", ll.backdoorRows("HDFS", hdfs), { title: `HDFS · DeepLog: BP and ASR (test: ${hdfs.benign.normal} normal, ${hdfs.benign.abnormal} abnormal sessions)` });
run.table("hdfs-defence", ll.defenceRows("HDFS", hdfs), { title: "HDFS · n-gram regularity defence" });

// %%
const hdfsBert = await ll.runBackdoorStudy(hdfsData, { ...config.study, model: "logbert", logbert: { ...config.study.logbert, maskRatio: 0.65, topG: 6 } });
run.table("hdfs-logbert-study", ll.backdoorRows("HDFS", hdfsBert), { title: "HDFS · LogBERT: BP and ASR (mask ratio 0.65, g 6: the reference code's HDFS settings)" });

// %% [markdown]
// ## Findings
// Every number below is read from the results above. The paper's BGL numbers (DeepLog: benign F1
// 92.36, ASR 4.61%; backdoored F1 89.02, ASR 93.75%; LogBERT: benign F1 91.63, ASR 0%; backdoored
// F1 91.21, ASR 96.21%) are in the tables' last columns.

// %%
const findings = ll.findingsMarkdown("Findings", [...ll.backdoorFindings("BGL", bgl), ...ll.backdoorFindings("BGL", bglBert), ...ll.backdoorFindings("HDFS", hdfs), ...ll.backdoorFindings("HDFS", hdfsBert)]);
run.text("findings.md", findings);
ll.showMarkdown(findings);

// %%
for (const r of [bgl, bglBert, hdfs, hdfsBert]) ll.disposeBackdoorStudy(r);
const manifest = await run.finish({ inputs: [...ll.backdoorStudyFiles("bgl-afalog"), ...ll.backdoorStudyFiles("hdfs-deeplog")], backend: backend.choice });
console.log(`wrote ${run.dir}: ${manifest.outputs.length} files`);
