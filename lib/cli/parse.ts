import { join } from "node:path";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { isLoghubSystem } from "../parse/formats/loghub-presets.js";
import { minerSettingsOf } from "../parse/drain/state-settings.js";
import { FORMAT_NAMES } from "../parse/formats/registry.js";
import { parseFileStream } from "../parse/parse-file.js";
import { parseFilesParallel } from "../parse/parse-parallel.js";
import { parseWorkersFlag, PARSE_WORKERS_USAGE } from "./parse-workers.js";
import { outputBaseName, StructuredWriter, writeRejectsCsv, writeTemplatesCsv } from "../parse/structured-output.js";
import type { ParsedLog } from "../parse/log-record.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { checkAssumeYear, checkFormatFlag } from "./format-flag.js";
import { checkInputFiles } from "./input-files.js";
import { writeCliManifest } from "./cli-manifest.js";
import { prefetchManifestFacts } from "../runtime/manifest.js";
import { OutputFolder } from "./output-target.js";
import { openStateFlag } from "./state-flag.js";
import { withConfigDefaults } from "./config-flags.js";
import { MINER_BOOLEAN_FLAGS, MINER_FLAGS_USAGE, MINER_VALUE_FLAGS, readMinerFlags } from "./miner-flags.js";

export const usage = `usage: loglab parse --format NAME|auto|"<Date> <Time> <Level>: <Content>" --input FILE... --out DIR [--force]
                    [--config loglab.json] [--state FILE] [--mode loglab|drain] [--preset SYSTEM]
                    [--mask NAME=REGEX]... [--no-default-masks] [--st X] [--depth N] [Drain3 settings]
                    [--max-line-bytes N] [--assume-year YYYY] [--passes 1|2] [--workers N|auto] [--no-arrow] [--parquet] [--no-progress]

Parses log files into structured events and mines their templates (Drain; loglab mode by default).
For each input FILE it writes, in DIR:
  FILE_structured.csv    LogHub's layout: LineId, header fields, Content, EventId, EventTemplate, ParameterList
  FILE_structured.arrow  the same columns (plus Timestamp) as an Arrow IPC file
  FILE_structured.parquet  the Arrow file's columns as Parquet (with --parquet)
  FILE_templates.csv     EventId, EventTemplate, Occurrences
  FILE_rejects.csv       lines not parsed: File, LineId, Reason
and parse-summary.json (counts, reject reasons, formats, speed). Inputs may be gzip (.gz).

  --config          a log-source configuration (loglab.json: format, masks, Drain settings; see the
                    README's "Your own logs"); flags given here override the file
  --format          a LogHub system (${FORMAT_NAMES.slice(0, 16).join(", ")}), which also brings its masks and
                    Drain settings; syslog-rfc3164, syslog-rfc5424, apache-access-common,
                    apache-access-combined, apache-error, raw; auto (detect per file); or your own
                    format in LogHub syntax (text between fields is a regular expression)
  --input           one or more log files (required)
  --out             output folder (required): new or empty; --force replaces an earlier \`loglab parse\`
                    output there once the new one is complete (a folder holding anything else is
                    never touched). An interrupted run leaves the previous output as it was
  --state           Drain state file: loaded if it exists (mining continues, with the settings the
                    state was mined with: a conflicting --mode/--st/--depth/--format/--preset is an
                    error, as are other masks or Drain settings), saved after (atomically); locked
                    while the run works (FILE.lock)
  --mode            loglab (default: normalised templates, frames, splits) or drain (plain Drain)
  --preset          LogHub system whose masks and Drain settings to use with another format
${MINER_FLAGS_USAGE}
  --max-line-bytes  longer lines are rejected (default 1048576)
  --assume-year     year for formats without one in their timestamps (syslog, Linux, Mac, …)
  --passes          2 (default): every line gets its final template; 1: online templates, faster
${PARSE_WORKERS_USAGE}
  --no-arrow        skip the Arrow file
  --parquet         also write the structured events as Parquet (DuckDB, Spark, pandas read it as is)
  --no-progress     no progress bar`;

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, got "${value}"`, 2);
  return n;
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const VALUES = ["config", "format", "input", "out", "state", "mode", "preset", "max-line-bytes", "assume-year", "passes", "workers", ...MINER_VALUE_FLAGS];
  const BOOLEANS = ["no-arrow", "no-progress", "force", "parquet", ...MINER_BOOLEAN_FLAGS];
  const { args, config } = withConfigDefaults(parseArgs(argv, { values: VALUES, booleans: BOOLEANS, multi: ["input", "mask"] }), "parse", [...VALUES, ...BOOLEANS], {
    notForThis: ["session-id", "session-field", "session-timeout"],
  });
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}" (inputs go after --input)\n${usage}`, 2);
  const format = checkFormatFlag(requireFlag(args, "format", usage));
  const inputs = args.flags.get("input") ?? [];
  if (inputs.length === 0) throw new CliError(`--input is required\n${usage}`, 2);
  checkInputFiles(inputs, "--input");
  const out = requireFlag(args, "out", usage);
  const preset = flagValue(args, "preset");
  if (preset !== undefined && !isLoghubSystem(preset)) throw new CliError(`--preset must be a LogHub system (${FORMAT_NAMES.slice(0, 16).join(", ")}), got "${preset}"`, 2);
  const minerFlags = readMinerFlags(args);
  const mode = minerFlags.mode;
  const maxLineBytes = numberFlag(flagValue(args, "max-line-bytes"), "max-line-bytes");
  if (maxLineBytes !== undefined && !(Number.isInteger(maxLineBytes) && maxLineBytes > 0)) throw new CliError(`--max-line-bytes must be a positive integer`, 2);
  const assumeYear = checkAssumeYear(flagValue(args, "assume-year"));
  const passes = numberFlag(flagValue(args, "passes"), "passes") ?? 2;
  if (passes !== 1 && passes !== 2) throw new CliError(`--passes must be 1 or 2, got ${passes}`, 2);
  const statePath = flagValue(args, "state");
  const workers = parseWorkersFlag(flagValue(args, "workers"), { inputs, passes, parquet: args.flags.has("parquet") });

  // The state (locked until this run ends) and its settings, then the output folder.
  const state = openStateFlag(statePath, { format, preset, mode, miner: minerFlags.options, explicit: minerFlags.explicit });
  let target: OutputFolder | null = null;
  try {
    target = OutputFolder.claim(out, { command: "parse", force: args.flags.has("force"), inputs: [...inputs, ...(statePath !== undefined ? [statePath] : [])] });
    // The manifest's input hashes and git state are gathered beside the parse, not after it.
    const manifestInputs = [...inputs, ...(state.loaded ? [statePath!] : []), ...(config !== null ? [config] : [])];
    const manifestFacts = prefetchManifestFacts(manifestInputs);
    const dir = target.dir;
    const names = new Map<string, string>();
    const used = new Set<string>();
    for (const i of inputs) {
      let base = outputBaseName(i);
      for (let k = 2; used.has(base); k++) base = `${outputBaseName(i)}-${k}`;
      used.add(base);
      names.set(i, base);
    }
    const writers = new Map<string, StructuredWriter>();
    const perFileTemplates = new Map<string, Map<string, { templateId: string; template: string; count: number }>>();
    const writerFor = (file: string, fields: readonly string[]): StructuredWriter => {
      let w = writers.get(file);
      if (!w) {
        w = new StructuredWriter(dir, names.get(file)!, fields, { arrow: !args.flags.has("no-arrow"), parquet: args.flags.has("parquet") });
        writers.set(file, w);
      }
      return w;
    };
    const countTemplate = (file: string, templateId: string, template: string, n: number): void => {
      let counts = perFileTemplates.get(file);
      if (!counts) perFileTemplates.set(file, (counts = new Map()));
      const t = counts.get(templateId);
      if (t) t.count += n;
      else counts.set(templateId, { templateId, template, count: n });
    };
    const parseOptions = {
      format,
      mode,
      preset: preset as never,
      ...minerFlags.options,
      maxLineBytes,
      assumeYear,
      miner: state.miner,
      progress: !args.flags.has("no-progress"),
    };
    let summary;
    try {
      summary =
        workers > 1
          ? await parseFilesParallel(inputs, { ...parseOptions, workers, arrow: !args.flags.has("no-arrow") }, (file, part, counts) => {
              // Parts come in input order: a file's ranges in turn.
              if (part.rows === 0) return;
              writerFor(file, part.fields!).writePart(part);
              for (const [id, template, n] of counts) countTemplate(file, id, template, n);
            })
          : await parseFileStream(inputs, { ...parseOptions, passes: passes as 1 | 2 }, (events: ParsedLog[]) => {
              // Events come in file order; a batch never mixes files.
              const file = events[0]?.file;
              if (file === undefined) return;
              writerFor(file, Object.keys(events[0]!.fields)).write(events);
              for (const e of events) countTemplate(file, e.templateId, e.template, 1);
            });
    } catch (err) {
      for (const w of writers.values()) w.abort();
      throw new CliError((err as Error).message, 1);
    }
    for (const w of writers.values()) await w.close();
    for (const i of inputs) {
      const base = names.get(i)!;
      if (!writers.has(i)) await new StructuredWriter(dir, base, [], { arrow: false }).close(); // no parsed line: an empty CSV still says so
      const counts = [...(perFileTemplates.get(i)?.values() ?? [])].sort((a, b) => b.count - a.count || (a.template < b.template ? -1 : 1));
      writeTemplatesCsv(join(dir, `${base}_templates.csv`), counts);
      writeRejectsCsv(
        join(dir, `${base}_rejects.csv`),
        summary.rejects.filter((r) => r.file === i),
      );
    }
    // The settings the miner actually used (a loaded state's own, see --state).
    const settings = { ...minerSettingsOf(summary.miner.config), fromState: state.loaded };
    writeJsonAtomic(join(dir, "parse-summary.json"), { ...summary.stats, mode: settings.mode, settings, outputs: [...names.values()], state: statePath ?? null });
    const outputs = [...names.values()].flatMap((b) => [`${b}_structured.csv`, ...(args.flags.has("no-arrow") ? [] : [`${b}_structured.arrow`]), ...(args.flags.has("parquet") ? [`${b}_structured.parquet`] : []), `${b}_templates.csv`, `${b}_rejects.csv`]);
    await writeCliManifest(
      { folder: dir },
      {
        command: "parse",
        argv,
        inputs: manifestInputs,
        prefetched: manifestFacts,
        config: { format, mode: settings.mode, preset: preset ?? null, st: settings.simThreshold, depth: settings.depth, masking: settings.masking, maxChildren: settings.maxChildren, maxClusters: settings.maxClusters, parametrizeNumericTokens: settings.parametrizeNumericTokens, treeWalk: settings.treeWalk, extraDelimiters: settings.extraDelimiters, settingsFromState: state.loaded, configFile: config, maxLineBytes: maxLineBytes ?? null, assumeYear: assumeYear ?? null, passes, workers, state: statePath ?? null },
        seconds: (performance.now() - started) / 1000,
        outputs: [...outputs, "parse-summary.json"],
      },
    );
    target.commit();
    state.save(summary.miner);
    const s = summary.stats;
    const reasons = Object.entries(s.rejectReasons)
      .map(([r, n]) => `${n} × ${r}`)
      .join("; ");
    process.stdout.write(
      `parsed ${s.parsed.toLocaleString("en-US")} of ${s.lines.toLocaleString("en-US")} lines from ${inputs.length} file(s) ` +
        `(${s.formats.map((f) => `${f.format}${f.confidence !== null ? ` detected ${(100 * f.confidence).toFixed(0)}%` : ""}`).join(", ")}); ` +
        `${s.templates} templates; ${s.rejected} rejected${reasons ? ` (${reasons})` : ""}; ` +
        `${Math.round(s.linesPerSecond).toLocaleString("en-US")} lines/s → ${target.path}\n`,
    );
    if (s.parsed === 0 && s.lines > 0) {
      process.stderr.write(`loglab parse: no line parsed: all ${s.lines.toLocaleString("en-US")} lines were rejected (${reasons}); check --format (the rejects are in ${target.path})\n`);
      return 1;
    }
    return 0;
  } finally {
    target?.release();
    state.release();
  }
}
