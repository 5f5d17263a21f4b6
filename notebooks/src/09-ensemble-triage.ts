// %% [markdown]
// # 09 · Danger / Watch Out / Normal: the frequent/rare ensemble and a triage queue
//
// The ensemble of issue 12 on HDFS (`hdfs-deeplog`). Templates (log keys) are split into frequent
// and rare by their occurrences in the normal training sessions (the dual LSTM's split). A
// **frequent** line is judged by the dual LSTM's frequent model and by LogBERT-severity: both
// flag it → **Danger**, one flags it → **Watch Out**, neither → **Normal**. A **rare** (or never
// seen) line is judged by the cosine distance of its LogBERT-severity embedding to the nearest
// normal training embedding: past the watch cutoff → Watch Out, past the danger cutoff (farther
// than any validation normal line) → Danger. A session is as bad as its worst line.
//
// **Protocol.** Both models train on the normal training part of `hdfs_train` (file order); every
// threshold (each model's g, the two cosine cutoffs) is chosen on the held-out validation normals;
// the test part (the last 20% of `hdfs_train` and the abnormal file) is labelled once.
//
// The study this follows reports ≈ 220 Danger lines (all real), ≈ 10,000 Watch Out (2 real in 500
// sampled) and ≈ 86,800 Normal, and proposes sending the 10,000 Watch Out lines to an LLM. Here
// the Watch Out lines are first **grouped by template** and ranked by score and rarity, so a
// person (or one LLM call per group, `loglab ensemble --llm-review N`) reviews groups, not lines.
// The same pipeline runs from the command line: `loglab ensemble` (see README).

// %% [markdown]
// ## Configuration

// %%
import * as ll from "./lib/index";

interface EnsembleConfig {
  profile: ll.Profile;
  seed: number;
  /** Normal training sessions (file order; their last `validationFraction` choose the thresholds). */
  maxNormal: number;
  validationFraction: number;
  /** Abnormal test sessions (the abnormal file, from its start). */
  maxAbnormal: number;
  dualLstm: Partial<ll.DualLstmParams>;
  logbert: Partial<ll.LogBertParams>;
  ensemble: Partial<ll.EnsembleOptions>;
  /** Triage groups shown. */
  triageTop: number;
}
const profile = ll.resolveProfile();
const p = <T>(smoke: T, full: T): T => ll.byProfile(profile, { smoke, full });
const config: EnsembleConfig = {
  profile,
  seed: 42,
  maxNormal: p(1000, 3884),
  validationFraction: 0.2,
  maxAbnormal: p(400, 1684),
  dualLstm: p({ hiddenUnits: 16, layers: 1, embeddingDim: 8, epochs: 3 }, { maxTrainSeconds: 240 }),
  logbert: p({ hiddenSize: 16, blocks: 1, heads: 2, ffnDim: 32, maxLength: 64, epochs: 3 }, { hiddenSize: 64, blocks: 2, heads: 4, ffnDim: 128, maxLength: 64, epochs: 20, maxTrainSeconds: 420 }),
  ensemble: { gChoice: "validation", maxFpr: 0.01, watchFpr: 0.01, dangerFpr: 0 },
  triageTop: 15,
};
const run = ll.startRun("09-ensemble-triage", config, config.seed);
const env = await ll.environmentReport();

// %% [markdown]
// ## Data
// Normal training sessions: the start of `hdfs_train`; test: its last 20% (normal) and the abnormal file.

// %%
const hdfsTrain = ll.readKeySessions(ll.dataPath("hdfs-deeplog", "hdfs_train")).sequences;
const hdfsAbnormal = ll.readKeySessions(ll.dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev")).sequences.slice(0, config.maxAbnormal);
const n80 = Math.floor(hdfsTrain.length * 0.8);
const testNormal = hdfsTrain.slice(n80);
const test = { sequences: [...testNormal, ...hdfsAbnormal], labels: Uint8Array.from([...testNormal.map(() => 0), ...hdfsAbnormal.map(() => 1)]) };
const exp = await ll.runEnsembleExperiment({
  normal: hdfsTrain.slice(0, Math.min(n80, config.maxNormal)),
  test,
  validationFraction: config.validationFraction,
  seed: config.seed,
  dualLstm: config.dualLstm,
  logbert: config.logbert,
  ensemble: config.ensemble,
  sessionName: (i) => (i < testNormal.length ? `hdfs_train:${n80 + i + 1}` : `hdfs_test_abnormal_dev:${i - testNormal.length + 1}`),
});
run.table("inputs", [{ part: "fit (normal)", sessions: exp.fitSessions }, { part: "validation (normal)", sessions: exp.validationSessions }, { part: "test normal", sessions: testNormal.length }, { part: "test abnormal", sessions: hdfsAbnormal.length }], { title: `Sessions · TF.js backend: ${env.backend.choice}` });
run.table("timings", [{ step: "dual LSTM training", seconds: exp.seconds.lstm }, { step: "LogBERT-severity training", seconds: exp.seconds.bert }, { step: "calibration on validation", seconds: exp.seconds.calibrate }, { step: "labelling the test set", seconds: exp.seconds.judge }], { title: "Timings (s)" });

// %% [markdown]
// ## Thresholds (chosen on the validation normals)

// %%
run.table("thresholds", ll.ensembleThresholdRows(exp.ensemble), { title: "Thresholds and how each was chosen" });

// %% [markdown]
// ## The label table
// Count of each label and its precision: the share of its test sessions that are real anomalies
// (for Normal, the share of missed anomalies). Lines are counted too.

// %%
run.table("label-table", ll.labelTableRows(exp.table), { title: "Test sessions and lines per label", digits: 4 });
run.table("rules", ll.ruleRows(exp.result), { title: "Which rule fired: test lines per label and rule" });

// %% [markdown]
// ## Triage queue
// Watch Out lines grouped by template, ranked by priority = max score × rarity weight (never-seen
// templates first at equal scores); each group with its count, sessions, scores and example lines
// (`file:line#position`). The whole queue is saved as `tables/triage-queue.csv`.

// %%
run.table("triage-queue", ll.triageRows(exp.queue), { title: `Triage queue: ${exp.queue.reduce((a, g) => a + g.count, 0)} Watch Out lines in ${exp.queue.length} groups`, show: false });
run.table("triage-queue-top", ll.triageRows(exp.queue, config.triageTop), { title: `The first ${config.triageTop} groups to review` });

// %% [markdown]
// ## Findings
// Every number below is read from the results above.

// %%
const [danger, watch, normalRow] = exp.table.rows;
const findings = ll.findingsMarkdown("Findings", [
  `On ${exp.table.sessions} HDFS test sessions (${exp.table.anomalies} anomalous), the ensemble labels ${danger!.sessions} Danger (precision ${danger!.precision?.toFixed(3) ?? "n/a"}), ${watch!.sessions} Watch Out (precision ${watch!.precision?.toFixed(3) ?? "n/a"}) and ${normalRow!.sessions} Normal (${normalRow!.anomalous} of them anomalous).`,
  `Its ${watch!.lines} Watch Out lines fall into ${exp.queue.length} template groups: a reviewer reads ${exp.queue.length} groups instead of ${watch!.lines} lines.`,
  `Thresholds from ${exp.validationSessions} validation normal sessions: dual LSTM g = ${exp.ensemble.thresholds.lstmG}, LogBERT-severity g = ${exp.ensemble.thresholds.bertG}, cosine cutoffs ${exp.ensemble.thresholds.watchCutoff.toFixed(4)} (watch) and ${exp.ensemble.thresholds.dangerCutoff.toFixed(4)} (danger).`,
]);
run.text("findings.md", findings);
ll.showMarkdown(findings);

// %%
exp.lstm.dispose();
exp.bert.dispose();
const manifest = await run.finish({ inputs: [ll.dataPath("hdfs-deeplog", "hdfs_train"), ll.dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev")], backend: env.backend.choice });
console.log(`wrote ${run.dir}: ${manifest.outputs.length} files`);
