// %% [markdown]
// # 01 · Processing: from raw lines to templates
//
// The first stage of every experiment. Each of the 16 LogHub 2k systems is read with the
// streaming line reader (every line is parsed or rejected with a reason), split by its LogHub
// header format, masked with its preset regexes and mined with Drain:
//
// - **loglab mode** (the default): Drain's tree plus frames (shared punctuation around a variable
//   is kept: `[<*>]`, `<*>,`), frequency-based splits of few-valued wildcards (`Link ok` /
//   `Link error`), UUID/MAC shape masks, and Khan et al.'s template normalisation;
// - **plain Drain mode**: logparser's Drain, which reproduces its published grouping accuracy.
//
// Metrics: GA (logparser's grouping accuracy), PA (exact template per line), FGA and FTA
// (Loghub-2.0's F1 over groups and templates), against the original LogHub ground truth and the
// corrected one (Khan et al., ICSE'22). Writes `results/01-processing/`: the tables, the figure,
// and every system's parse in LogHub's layout under `structured/` (`<System>_2k.log_structured.csv`
// and `.arrow`, `_templates.csv`, `_rejects.csv`), which later notebooks can read.
//
// Caveat on honesty: loglab mode's heuristics were designed while looking at errors on these same
// 2k samples (there is no other data with template ground truth here); plain Drain is shown
// beside it for that reason.

// %% [markdown]
// ## Configuration

// %%
import * as ll from "./lib/index";

interface ProcessingConfig {
  /** smoke (CI, about a minute) or full (also parses the larger logai-raw samples). */
  profile: ll.Profile;
  seed: number;
  /** Systems to parse (all 16 in both profiles: 2,000 lines each). */
  systems: readonly ll.LoghubSystem[];
  /** Miner modes to compare. */
  modes: readonly ll.MinerMode[];
  /** Rows of structured output to show per sample. */
  sampleRows: number;
  /** Write the Arrow file beside each structured CSV. */
  arrow: boolean;
  /** Larger raw samples without ground truth, parsed with format detection (full profile only). */
  extraFiles: readonly string[];
}
const profile = ll.resolveProfile();
const config: ProcessingConfig = {
  profile,
  seed: 42,
  systems: ll.LOGHUB_SYSTEMS,
  modes: ["loglab", "drain"],
  sampleRows: 5,
  arrow: true,
  extraFiles: ll.byProfile(profile, {
    smoke: [],
    full: [ll.dataPath("logai-raw", "HDFS_20000.log"), ll.dataPath("logai-raw", "HealthApp_20000.log"), ll.dataPath("logai-raw", "BGL_5000.log")],
  }),
};
const run = ll.startRun("01-processing", config, config.seed);

// %% [markdown]
// ## Header formats
// The 16 LogHub systems (each a preset: format, masks, Drain depth and threshold), RFC 3164 and
// RFC 5424 syslog, Apache access and error logs, and `raw`. Any other format can be given in
// LogHub's syntax, e.g. `<Date> <Time> <Level> \[<Thread>\] <Component>: <Content>`.

// %%
run.table("formats", ll.listFormats(), { title: "Built-in header formats" });

// %% [markdown]
// ## Parse the 16 systems
// Two passes per system: all lines are mined first, then each line gets its cluster's final
// template (so early lines are not left with a template later lines generalised).

// %%
const bench = await run.stopwatch.time("parse and score", () => ll.benchmarkLoghubParsing({ systems: config.systems, modes: config.modes }));

// %% [markdown]
// ## Sample structured rows
// LogHub's layout: LineId, the header fields, Content, EventId (a content hash of the template),
// EventTemplate and ParameterList.

// %%
run.table("sample-hdfs", ll.structuredRows(bench.parsed.loglab.HDFS!.events.slice(0, config.sampleRows)), { title: "HDFS: first structured rows (loglab mode)" });
run.table("sample-openssh", ll.structuredRows(bench.parsed.loglab.OpenSSH!.events.slice(0, config.sampleRows)), { title: "OpenSSH: first structured rows (loglab mode)" });

// %% [markdown]
// ## Templates
// Templates found per system and mode next to the ground truths, and HDFS's templates with
// their line counts.

// %%
run.table("template-counts", ll.templateCountRows(bench), { title: "Templates per system" });
run.table("templates-hdfs", bench.parsed.loglab.HDFS!.templates, { title: "HDFS templates (loglab mode)" });

// %% [markdown]
// ## Rejects
// Every line is parsed or rejected with a reason; on the shipped samples no line is rejected.

// %%
run.table("rejects", ll.rejectRows(bench), { title: "Lines read, parsed and rejected" });

// %% [markdown]
// ## Accuracy
// GA on the original truth is what logparser's README publishes for Drain (last column; plain
// Drain here reproduces it). PA is exact template equality, so it depends on the template
// convention: the corrected truth follows the normalisation loglab applies.

// %%
run.table("accuracy", ll.loghubParsingRows(bench), { title: "GA, PA, FGA, FTA per system (original and corrected ground truth)", digits: 4 });
run.json("accuracy.json", { rows: bench.rows, averages: bench.averages });

// %%
await run.figure(ll.parsingAccuracyFigure(bench), "ga-pa-per-system", { width: 1100, height: 560 });

// %% [markdown]
// ## Structured outputs
// Each system's loglab parse in LogHub's layout, for the notebooks that follow.

// %%
const written = await run.stopwatch.time("write structured", () => ll.writeLoghubStructured(run.path("structured"), bench, "loglab", { arrow: config.arrow }));
ll.showMarkdown(`wrote ${written.length} files under \`${run.path("structured")}\``);

// %% [markdown]
// ## Larger samples (full profile)
// The logai-raw samples (20,000 HDFS and HealthApp lines, 5,000 BGL lines) have no template
// ground truth; their format is detected and the parse is summarised. Empty in the smoke profile.

// %%
run.table("extra-files", await ll.parseFilesSummary(config.extraFiles), { title: "Larger samples: detected format, lines, templates, speed" });

// %%
const manifest = await run.finish({ inputs: [...config.systems.map((s) => ll.loghubLogPath(s)), ll.dataPath("loghub-2k", "benchmark_settings.json"), ...config.extraFiles] });
console.log(`wrote ${run.dir}: ${manifest.outputs.length} files`);
