// %% [markdown]
// # 02 · Labeling
//
// Which lines are anomalous, and what is each line about? Two kinds of labels:
//
// 1. **Ground truth** shipped with the data: BGL and Thunderbird label every raw line in its
//    first column (`-` = normal, otherwise an alert category); the DeepLog-style key files are
//    labeled by file (normal / abnormal sessions); HDFS block labels (`anomaly_label.csv`) are
//    read when the full HDFS_v1 data are present.
// 2. **Rule-based 7-class labels** (normal, security, system_failure, performance, network,
//    config, hardware) for all 16 LogHub 2k systems, from a rule table that is data
//    (`DEFAULT_LABEL_RULES`: keywords and regexes per class, per-system overrides). Conflicts
//    resolve by class priority (`security > hardware > network > performance > config >
//    system_failure`); generic failure words are a *fallback* that never conflicts. Coverage and
//    conflicts are reported per system, and the rules are checked against BGL's alert column and
//    against the synthetic generator's labels.
//
// Writes `results/02-labeling/labels/<System>.csv` (LineId, EventId, EventTemplate, Component,
// Level, class, class_index, severity, …): notebook 05 trains its 7-class classifier on these
// (or recomputes them with `loadLoghubLabels` when this notebook has not run).

// %% [markdown]
// ## Configuration

// %%
import * as ll from "./lib/index";

interface LabelingConfig {
  /** smoke (CI) or full. */
  profile: ll.Profile;
  seed: number;
  /** Systems to label (all 16 in both profiles: labeling 2,000 lines takes milliseconds). */
  systems: readonly ll.LoghubSystem[];
  /** The unit of the saved labels: each line's message, or each ground-truth template once. */
  unit: ll.LabelUnit;
  resolution: ll.LabelResolution;
  /** Lines per format for the synthetic check. */
  syntheticLines: number;
  syntheticAnomalyRatio: number;
}
const profile = ll.resolveProfile();
const config: LabelingConfig = {
  profile,
  seed: 42,
  systems: ll.LOGHUB_SYSTEMS,
  unit: "line",
  resolution: "priority",
  syntheticLines: ll.byProfile(profile, { smoke: 2000, full: 20000 }),
  syntheticAnomalyRatio: 0.05,
};
const run = ll.startRun("02-labeling", config, config.seed);

// %% [markdown]
// ## Ground-truth labels
// One row per shipped label source: what an item is (line, session, block), how many are
// anomalous, and where the label comes from.

// %%
const gt = await run.stopwatch.time("ground truth", () => ll.groundTruthSummary());
run.table("ground-truth", gt.rows, { title: "Ground-truth label distributions" });
run.table("alert-categories", gt.alertCategories, { title: "Alert categories of the line-labeled files" });
ll.showMarkdown(gt.notes.map((n) => `- ${n}`).join("\n"));

// %% [markdown]
// ## The rule table
// Rules are data: `ll.DEFAULT_LABEL_RULES` (a typed object), one row per rule. A notebook or a
// user can copy it, add keywords or per-system rules, and pass it as `rules`.

// %%
run.table("rules", ll.labelRuleRows(ll.DEFAULT_LABEL_RULES), { title: "Label rules (common, then per system)" });
run.json("rules.json", ll.DEFAULT_LABEL_RULES);

// %% [markdown]
// ## 7-class labels for all 16 LogHub systems
// Coverage = share of lines (and of ground-truth templates) on which some non-normal rule fires;
// conflict lines = lines where rules of two or more classes fire (resolved by priority);
// fallback-only lines = lines labeled `system_failure` only by the generic error words.

// %%
const lineLabelings = await run.stopwatch.time("label lines", () => ll.labelLoghubSystems(config.systems, { unit: config.unit, resolution: config.resolution }));
run.table("coverage-by-line", ll.loghubCoverageRows(lineLabelings), { title: "Rule coverage and conflicts per system (labeling each line)" });

// %% [markdown]
// Labeling each template once instead (parameters masked, so a parameter value such as a file
// named `error.log` cannot fire a rule; every line inherits its template's class):

// %%
const templateLabelings = ll.labelLoghubSystems(config.systems, { unit: "template", resolution: config.resolution });
run.table("coverage-by-template", ll.loghubCoverageRows(templateLabelings), { title: "Rule coverage and conflicts per system (labeling each template)" });

// %% [markdown]
// And on the templates the parser mines from the raw logs (`parseLines` with each system's
// preset: header format, masks, Drain settings) instead of the ground-truth ones: how much the
// labels depend on which templates one has.

// %%
run.table("coverage-parsed-templates", ll.rulesOnParsedTemplates(config.systems, { resolution: config.resolution }), { title: "Rules on parsed (Drain) templates vs ground-truth templates" });

// %% [markdown]
// ### Conflicts
// The most frequent class combinations per system, with the class priority chose and an example.

// %%
run.table("conflicts", ll.loghubConflictRows(lineLabelings, 5), { title: "Conflicting rules (top 5 per system)" });

// %% [markdown]
// ### Severity
// An ordinal from the level field where the format has a usable one (Linux's LogHub "Level" is a
// host name, so it falls back to keywords), else from keywords.

// %%
run.table("severity", ll.severityDistributionRows(lineLabelings), { title: "Severity per system" });

// %% [markdown]
// ## Checking the rules
// ### Against BGL's alert column
// Rules say what a line is *about*, alerts say whether an operator cared: a corrected parity
// error is `hardware` yet not an alert. What matters is that alert categories land in sensible
// classes and that few alerts stay `normal`.

// %%
const bglAlerts = await ll.readAlertLabels(ll.loghubLogPath("BGL"));
const bglCheck = ll.ruleLabelsVsAlertColumn(lineLabelings.find((l) => l.system === "BGL")!, bglAlerts);
run.table("bgl-alerts-vs-rules", bglCheck.agreement.rows, { title: `BGL: alert category × rule class (alerts caught by a rule: ${(100 * bglCheck.alertsCovered).toFixed(1)}%, normal lines with a rule class: ${(100 * bglCheck.normalsFlagged).toFixed(1)}%)` });

// %% [markdown]
// ### Against the synthetic generator
// The generator (`ll.generateSyntheticLogs`) knows which class each injected anomaly stands for.

// %%
const synth = ll.ruleLabelsOnSynthetic(new ll.Rng(config.seed), { formats: ll.SYNTHETIC_FORMATS, lines: config.syntheticLines, anomalyRatio: config.syntheticAnomalyRatio });
run.table("synthetic-check", synth.summary, { title: "Rule labels on synthetic logs" });
run.table("synthetic-confusion", synth.agreement.rows, { title: "Generator class × rule class" });

// %% [markdown]
// ## Labeled tables
// One CSV per system under `labels/`, plus a `.meta.json` with the options and the rules'
// fingerprint (`loadLoghubLabels` reuses a file only when the fingerprint matches).

// %%
const written = ll.writeLoghubLabelSet(lineLabelings, run.path("labels"));
run.json("coverage.json", lineLabelings.map((l) => l.coverage));
const manifest = await run.finish({ inputs: config.systems.map((s) => ll.loghubStructuredPath(s)) });
console.log(`wrote ${written.length} label tables and ${manifest.outputs.length} files under ${run.dir}`);
