// %% [markdown]
// # 03 · Exploratory data analysis
//
// What the shipped logs look like before any model sees them, as Plotly figures saved under
// `results/03-eda/figures/` as self-contained HTML (each page embeds Plotly; opens offline, can be
// mailed alone) and PNG (headless Chromium):
//
// | figure | what it shows |
// |---|---|
// | `template-long-tail` | lines per template by rank, 16 LogHub systems: a few templates hold most lines |
// | `events-over-time` | events (and ground-truth alerts) per time bin, 11 parsed LogHub systems and a synthetic log |
// | `session-lengths` | keys per session in the DeepLog-style key files and in HDFS block sessions built from a raw log |
// | `anomaly-ratio` | BGL's alert share by component and by level |
// | `class-distribution` | the rule-based 7-class labels per system (from notebook 02) |
// | `duplicate-sessions` | sessions vs distinct sessions per key file and split |

// %% [markdown]
// ## Configuration

// %%
import * as ll from "./lib/index";

interface EdaConfig {
  profile: ll.Profile;
  seed: number;
  /** Templates with fewer lines than this are "rare" (marked on the long-tail plot). */
  rareThreshold: number;
  /** Lines of the raw HDFS sample grouped into block sessions. */
  hdfsRawLines: number;
  /** Lines of the synthetic log shown over time. */
  syntheticLines: number;
  /** Bins per events-over-time panel (at most). */
  maxBins: number;
  /** Single-file HTML figures (Plotly embedded, 4.8 MB each) instead of one shared bundle per folder. */
  selfContainedHtml: boolean;
}
const profile = ll.resolveProfile();
const config: EdaConfig = {
  profile,
  seed: 42,
  rareThreshold: 10,
  hdfsRawLines: ll.byProfile(profile, { smoke: 5000, full: 20000 }),
  syntheticLines: ll.byProfile(profile, { smoke: 2000, full: 20000 }),
  maxBins: 60,
  selfContainedHtml: true,
};
const run = ll.startRun("03-eda", config, config.seed, { figures: { inline: config.selfContainedHtml } });

// %% [markdown]
// ## Template frequency: the long tail
// Ground-truth templates of the 16 LogHub 2k samples. Templates below the threshold are what
// sequence models see too rarely to learn.

// %%
const templateCounts = ll.loghubTemplateCounts();
run.table("frequent-rare", ll.frequentRareRows(templateCounts, config.rareThreshold), { title: `Frequent (≥${config.rareThreshold} lines) and rare templates per system` });
const longTail = await run.figure(ll.templateLongTailFigure(templateCounts, config.rareThreshold), "template-long-tail");

// %% [markdown]
// ## Events over time
// Every LogHub system whose header carries a full date, parsed with its preset (`parseLines`),
// with BGL's ground-truth alert lines in red, and a seeded synthetic syslog stream with its
// injected anomalies. Systems whose format has no year (syslog-style Linux, Mac, OpenSSH, …) are
// listed, not placed on an invented date.

// %%
const synthetic = ll.generateSyntheticLogs(new ll.Rng(config.seed), { format: "syslog", lines: config.syntheticLines, anomalyRatio: 0.05 });
const parsedRates = ll.loghubParsedEventRates(undefined, { maxBins: config.maxBins });
const rates = [...parsedRates.series, { name: "synthetic", ...ll.eventCountsOverTime(synthetic, { maxBins: config.maxBins, labels: (i) => synthetic[i]!.label }) }];
run.table("event-rates", ll.eventRateRows(rates), { title: "Series" });
run.table("untimed-systems", parsedRates.untimed, { title: "Systems without absolute timestamps" });
const overTime = await run.figure(ll.eventsOverTimeFigure(rates, { columns: 2 }), "events-over-time", { width: 1100, height: 1300 });

// %% [markdown]
// ## Session lengths
// Keys per session in every key file, and HDFS block sessions built from the raw 20,000-line
// HDFS sample by `sessionWindows` (`blk_` ids; a line naming two blocks joins both).

// %%
const keyFiles = ll.keyFileOverview();
const hdfsRaw = ll.hdfsBlockSessionsFromRaw(undefined, { maxLines: config.hdfsRawLines });
run.table("hdfs-raw-sessions", [{ lines: hdfsRaw.lines, sessions: hdfsRaw.windows.length, "lines without a block id": hdfsRaw.unassigned, "lines in 2+ sessions": hdfsRaw.multiSession }], { title: "HDFS block sessions from the raw sample" });
const sessionLengths = await run.figure(ll.sessionLengthFigure(ll.sessionLengthGroups(keyFiles, [{ name: `HDFS raw blocks (${hdfsRaw.lines} lines)`, windows: hdfsRaw.windows }])), "session-lengths", { height: 600 });

// %% [markdown]
// ## Anomaly ratio by component and level (BGL)
// BGL labels every line (first column). Alerts concentrate in a few components and levels —
// which is also why a keyword baseline does well on BGL (logdeep issue #18).

// %%
const byComponent = ll.loghubAlertRatioBy("BGL", "Component", { top: 12 });
const byLevel = ll.loghubAlertRatioBy("BGL", "Level");
run.table("bgl-alert-ratio-component", byComponent, { title: "BGL alerts by component" });
run.table("bgl-alert-ratio-level", byLevel, { title: "BGL alerts by level" });
const anomalyRatio = await run.figure(ll.anomalyRatioFigure({ field: "Component", rows: byComponent }, { field: "Level", rows: byLevel }, "BGL 2k: share of alert lines by component and level"), "anomaly-ratio");

// %% [markdown]
// ## Rule-based classes per system
// Notebook 02's labels (recomputed with the same rules when its files are missing).

// %%
const labels = ll.loadLoghubLabelCoverage();
run.table("label-sources", labels.sources, { title: "Where the labels came from" });
const classes = await run.figure(ll.classDistributionFigure(labels.coverage), "class-distribution");

// %% [markdown]
// ## Duplicate sessions
// Identical sessions repeat: HDFS's 4,855 training sessions hold only 839 distinct ones. Models
// can train on distinct sessions weighted by count, and evaluation must say how many test
// sessions also occur in training.

// %%
const hdfsSplit = ll.splitKeyDataset("hdfs-deeplog");
const bglSplit = ll.splitKeyDataset("bgl-afalog");
run.table("duplicates-by-split", [...ll.keySplitRows(hdfsSplit), ...ll.keySplitRows(bglSplit)], { title: "Sessions, distinct sessions and repeats of train sessions per split" });
const duplicates = await run.figure(ll.duplicateSessionsFigure(ll.sessionDuplicateRows(keyFiles, [hdfsSplit, bglSplit])), "duplicate-sessions");

// %%
const manifest = await run.finish({ inputs: [ll.dataPath("logai-raw", "HDFS_20000.log"), ...ll.LOGHUB_SYSTEMS.map((s) => ll.loghubStructuredPath(s))] });
console.log(`wrote ${manifest.outputs.length} files under ${run.dir}`);
