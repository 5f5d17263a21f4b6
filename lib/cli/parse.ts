import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeJsonAtomic } from "../io/atomic-write.js";
import { isLoghubSystem } from "../parse/formats/loghub-presets.js";
import { loadMinerState, saveMinerState } from "../parse/drain/state-store.js";
import { FORMAT_NAMES } from "../parse/formats/registry.js";
import { parseFileStream } from "../parse/parse-file.js";
import { outputBaseName, StructuredWriter, writeRejectsCsv, writeTemplatesCsv } from "../parse/structured-output.js";
import type { ParsedLog } from "../parse/log-record.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { checkFormatFlag } from "./format-flag.js";
import { writeCliManifest } from "./cli-manifest.js";

export const usage = `usage: loglab parse --format NAME|auto|"<Date> <Time> <Level>: <Content>" --input FILE... --out DIR
                    [--state FILE] [--mode loglab|drain] [--preset SYSTEM] [--st X] [--depth N]
                    [--max-line-bytes N] [--assume-year YYYY] [--passes 1|2] [--no-arrow] [--no-progress]

Parses log files into structured events and mines their templates (Drain; loglab mode by default).
For each input FILE it writes, in DIR:
  FILE_structured.csv    LogHub's layout: LineId, header fields, Content, EventId, EventTemplate, ParameterList
  FILE_structured.arrow  the same columns (plus Timestamp) as an Arrow IPC file
  FILE_templates.csv     EventId, EventTemplate, Occurrences
  FILE_rejects.csv       lines not parsed: File, LineId, Reason
and parse-summary.json (counts, reject reasons, formats, speed). Inputs may be gzip (.gz).

  --format          a LogHub system (${FORMAT_NAMES.slice(0, 16).join(", ")}), which also brings its masks and
                    Drain settings; syslog-rfc3164, syslog-rfc5424, apache-access-common,
                    apache-access-combined, apache-error, raw; auto (detect per file); or your own
                    format in LogHub syntax (text between fields is a regular expression)
  --input           one or more log files (required)
  --out             output folder (required; created if missing)
  --state           Drain state file: loaded if it exists (mining continues), saved after (atomically)
  --mode            loglab (default: normalised templates, frames, splits) or drain (plain Drain)
  --preset          LogHub system whose masks and Drain settings to use with another format
  --st, --depth     Drain similarity threshold and tree depth (override the preset)
  --max-line-bytes  longer lines are rejected (default 1048576)
  --assume-year     year for formats without one in their timestamps (syslog, Linux, Mac, …)
  --passes          2 (default): every line gets its final template; 1: online templates, faster
  --no-arrow        skip the Arrow file
  --no-progress     no progress bar`;

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, got "${value}"`, 2);
  return n;
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, {
    values: ["format", "input", "out", "state", "mode", "preset", "st", "depth", "max-line-bytes", "assume-year", "passes"],
    booleans: ["no-arrow", "no-progress"],
    multi: ["input"],
  });
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}" (inputs go after --input)\n${usage}`, 2);
  const format = checkFormatFlag(requireFlag(args, "format", usage));
  const inputs = args.flags.get("input") ?? [];
  if (inputs.length === 0) throw new CliError(`--input is required\n${usage}`, 2);
  for (const i of inputs) {
    if (!existsSync(i)) throw new CliError(`cannot read input ${i}: no such file`, 1);
    if (statSync(i).isDirectory()) throw new CliError(`cannot read input ${i}: it is a directory`, 1);
  }
  const out = resolve(requireFlag(args, "out", usage));
  const mode = flagValue(args, "mode", "loglab")!;
  if (mode !== "loglab" && mode !== "drain") throw new CliError(`--mode must be loglab or drain, got "${mode}"`, 2);
  const preset = flagValue(args, "preset");
  if (preset !== undefined && !isLoghubSystem(preset)) throw new CliError(`--preset must be a LogHub system (${FORMAT_NAMES.slice(0, 16).join(", ")}), got "${preset}"`, 2);
  const st = numberFlag(flagValue(args, "st"), "st");
  if (st !== undefined && !(st >= 0 && st <= 1)) throw new CliError(`--st must be in [0, 1], got ${st}`, 2);
  const depth = numberFlag(flagValue(args, "depth"), "depth");
  if (depth !== undefined && !(Number.isInteger(depth) && depth >= 3)) throw new CliError(`--depth must be an integer ≥ 3, got ${depth}`, 2);
  const maxLineBytes = numberFlag(flagValue(args, "max-line-bytes"), "max-line-bytes");
  if (maxLineBytes !== undefined && !(Number.isInteger(maxLineBytes) && maxLineBytes > 0)) throw new CliError(`--max-line-bytes must be a positive integer`, 2);
  const assumeYear = numberFlag(flagValue(args, "assume-year"), "assume-year");
  const passes = numberFlag(flagValue(args, "passes"), "passes") ?? 2;
  if (passes !== 1 && passes !== 2) throw new CliError(`--passes must be 1 or 2, got ${passes}`, 2);
  const statePath = flagValue(args, "state");

  let miner = undefined;
  if (statePath !== undefined && existsSync(statePath)) {
    try {
      miner = loadMinerState(statePath) ?? undefined;
    } catch (err) {
      throw new CliError((err as Error).message, 1);
    }
  }

  mkdirSync(out, { recursive: true });
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
  const drain = { ...(st !== undefined ? { simThreshold: st } : {}), ...(depth !== undefined ? { depth } : {}) };
  let summary;
  try {
    summary = await parseFileStream(
      inputs,
      {
        format,
        mode,
        preset: preset as never,
        drain,
        maxLineBytes,
        assumeYear,
        passes: passes as 1 | 2,
        miner,
        progress: !args.flags.has("no-progress"),
      },
      (events: ParsedLog[]) => {
        // Events come in file order; a batch never mixes files.
        const file = events[0]?.file;
        if (file === undefined) return;
        let w = writers.get(file);
        if (!w) {
          w = new StructuredWriter(out, names.get(file)!, Object.keys(events[0]!.fields), { arrow: !args.flags.has("no-arrow") });
          writers.set(file, w);
        }
        w.write(events);
        let counts = perFileTemplates.get(file);
        if (!counts) perFileTemplates.set(file, (counts = new Map()));
        for (const e of events) {
          const t = counts.get(e.templateId);
          if (t) t.count++;
          else counts.set(e.templateId, { templateId: e.templateId, template: e.template, count: 1 });
        }
      },
    );
  } catch (err) {
    for (const w of writers.values()) w.abort();
    throw new CliError((err as Error).message, 1);
  }
  for (const w of writers.values()) await w.close();
  for (const i of inputs) {
    const base = names.get(i)!;
    if (!writers.has(i)) await new StructuredWriter(out, base, [], { arrow: false }).close(); // no parsed line: an empty CSV still says so
    const counts = [...(perFileTemplates.get(i)?.values() ?? [])].sort((a, b) => b.count - a.count || (a.template < b.template ? -1 : 1));
    writeTemplatesCsv(join(out, `${base}_templates.csv`), counts);
    writeRejectsCsv(
      join(out, `${base}_rejects.csv`),
      summary.rejects.filter((r) => r.file === i),
    );
  }
  if (statePath !== undefined) saveMinerState(summary.miner, statePath);
  writeJsonAtomic(join(out, "parse-summary.json"), { ...summary.stats, outputs: [...names.values()], state: statePath ?? null });
  const outputs = [...names.values()].flatMap((b) => [`${b}_structured.csv`, ...(args.flags.has("no-arrow") ? [] : [`${b}_structured.arrow`]), `${b}_templates.csv`, `${b}_rejects.csv`]);
  await writeCliManifest({ folder: out }, { command: "parse", argv, inputs, config: { format, mode, preset: preset ?? null, st: st ?? null, depth: depth ?? null, maxLineBytes: maxLineBytes ?? null, assumeYear: assumeYear ?? null, passes, state: statePath ?? null }, seconds: (performance.now() - started) / 1000, outputs: [...outputs, "parse-summary.json"] });
  const s = summary.stats;
  const reasons = Object.entries(s.rejectReasons)
    .map(([r, n]) => `${n} × ${r}`)
    .join("; ");
  process.stdout.write(
    `parsed ${s.parsed.toLocaleString("en-US")} of ${s.lines.toLocaleString("en-US")} lines from ${inputs.length} file(s) ` +
      `(${s.formats.map((f) => `${f.format}${f.confidence !== null ? ` detected ${(100 * f.confidence).toFixed(0)}%` : ""}`).join(", ")}); ` +
      `${s.templates} templates; ${s.rejected} rejected${reasons ? ` (${reasons})` : ""}; ` +
      `${Math.round(s.linesPerSecond).toLocaleString("en-US")} lines/s → ${out}\n`,
  );
  return 0;
}
