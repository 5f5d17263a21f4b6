import { basename, resolve } from "node:path";
import { SYNTHETIC_ANOMALY_TYPES, SYNTHETIC_FORMATS, syntheticLines, writeSyntheticLogStream, type SyntheticAnomalyType, type SyntheticFormat } from "../data/synthetic.js";
import { hdfsSyntheticLines } from "../data/synthetic-hdfs.js";
import { Rng } from "../runtime/rng.js";
import { ACCESS_LOG_FORMATS, generateAccessLog, WEB_ATTACK_TYPES, writeAccessLog, type AccessLogFormat, type AccessLogLine, type WebAttackType } from "../data/synthetic-access.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { writeCliManifest } from "./cli-manifest.js";
import { claimOutputFile } from "./output-target.js";

export const usage = `usage: loglab synth --out FILE [--force] [--format syslog|apache|custom|hdfs|access-common|access-combined] [--lines N]
                    [--anomaly-ratio R] [--types ${SYNTHETIC_ANOMALY_TYPES.join(",")}] [--seed S] [--start ISO-TIME] [--mean-gap-ms MS]

Writes a seeded synthetic log (FILE) and its ground truth (FILE.labels.csv: LineId, Label,
AnomalyType, ExpectedClass, Template, Timestamp) and FILE.manifest.json (what made them, written
last: the pair is complete when it exists). Exactly round(R × N) lines are anomalies of the chosen
types. The same seed writes the same bytes. FILE must be new; --force replaces an earlier
\`loglab synth\` output (its manifest names it); any other file is never touched.

  --out            the log file to write (required)
  --format         syslog (default), apache (error-log format), custom, or an Apache access log:
                   access-common (Common Log Format) or access-combined (with Referer and User-Agent)
                   with web attacks (--types ${WEB_ATTACK_TYPES.join(",")});
                   its labels file is LineId, Label, AnomalyType, Client, Timestamp;
                   or hdfs: LogHub's HDFS format, sessions are blocks (\`loglab sessions --format HDFS
                   --session-id 'blk_-?\\d+'\`), 1,000 blocks in flight, each anomalous (a failing
                   replica, type system_error) with probability --anomaly-ratio; a line's label is its
                   block's (default --mean-gap-ms 20)
  --lines          number of lines (default 1000)
  --anomaly-ratio  share of anomalous lines in [0, 1] (default 0.05)
  --types          comma-separated anomaly (or, for access logs, attack) types (default all five)
  --seed           integer seed (default 42)
  --start          time of the first line, ISO 8601 (default 2024-01-01T00:00:00Z)
  --mean-gap-ms    mean gap between lines in ms (default 2000)`;

function numberFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, got "${value}"`, 2);
  return n;
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["out", "format", "lines", "anomaly-ratio", "types", "seed", "start", "mean-gap-ms"], booleans: ["force"] });
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"\n${usage}`, 2);
  const outFlag = requireFlag(args, "out", usage);
  const out = resolve(outFlag);
  const format = flagValue(args, "format", "syslog")!;
  const access = (ACCESS_LOG_FORMATS as readonly string[]).includes(format);
  const hdfs = format === "hdfs";
  if (!access && !hdfs && !(SYNTHETIC_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${[...SYNTHETIC_FORMATS, "hdfs", ...ACCESS_LOG_FORMATS].join(", ")}, got "${format}"`, 2);
  const knownTypes: readonly string[] = access ? WEB_ATTACK_TYPES : hdfs ? ["system_error"] : SYNTHETIC_ANOMALY_TYPES;
  const lines = numberFlag(flagValue(args, "lines"), "lines", 1000);
  if (!Number.isInteger(lines) || lines < 1) throw new CliError(`--lines must be a positive integer, got ${lines}`, 2);
  const ratio = numberFlag(flagValue(args, "anomaly-ratio"), "anomaly-ratio", 0.05);
  if (!(ratio >= 0 && ratio <= 1)) throw new CliError(`--anomaly-ratio must be in [0, 1], got ${ratio}`, 2);
  const typesFlag = flagValue(args, "types");
  const types = typesFlag ? typesFlag.split(",").map((t) => t.trim()).filter(Boolean) : [...knownTypes];
  const unknown = types.filter((t) => !knownTypes.includes(t));
  if (unknown.length || types.length === 0) throw new CliError(`--types: unknown type(s) ${unknown.join(", ") || "(none given)"} (known for ${format}: ${knownTypes.join(", ")})`, 2);
  const seed = numberFlag(flagValue(args, "seed"), "seed", 42);
  if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer, got ${seed}`, 2);
  const startFlag = flagValue(args, "start");
  const start = startFlag === undefined ? undefined : Date.parse(startFlag);
  if (start !== undefined && !Number.isFinite(start)) throw new CliError(`--start must be an ISO 8601 time, got "${startFlag}"`, 2);
  const gap = numberFlag(flagValue(args, "mean-gap-ms"), "mean-gap-ms", hdfs ? 20 : 2000);
  if (!(gap > 0)) throw new CliError(`--mean-gap-ms must be positive, got ${gap}`, 2);

  let accessLines: AccessLogLine[] | null = null;
  let syslogLines: ReturnType<typeof syntheticLines> | null = null;
  try {
    if (hdfs) {
      syslogLines = hdfsSyntheticLines(new Rng(seed), { lines, anomalyRatio: ratio, startTime: start, meanGapMs: gap });
    } else if (access) {
      accessLines = generateAccessLog(new Rng(seed), { format: format as AccessLogFormat, lines, anomalyRatio: ratio, attackTypes: types as WebAttackType[], startTime: start, meanGapMs: gap });
    } else {
      syslogLines = syntheticLines(new Rng(seed), {
        format: format as SyntheticFormat,
        lines,
        anomalyRatio: ratio,
        anomalyTypes: types as SyntheticAnomalyType[],
        startTime: start,
        meanGapMs: gap,
      });
    }
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  const claim = claimOutputFile(outFlag, { command: "synth", force: args.flags.has("force"), companions: [`${out}.labels.csv`] });
  let written;
  // Streamed: lines go to disk as they are made (a 10M-line log needs no memory for its lines).
  const byType = new Map<string, number>();
  let anomalies = 0;
  try {
    try {
      if (accessLines) {
        written = writeAccessLog(out, accessLines);
        for (const l of accessLines) {
          if (l.attackType) {
            anomalies++;
            byType.set(l.attackType, (byType.get(l.attackType) ?? 0) + 1);
          }
        }
      } else {
        written = writeSyntheticLogStream(out, syslogLines!, (l) => {
          if (l.anomalyType) {
            anomalies++;
            byType.set(l.anomalyType, (byType.get(l.anomalyType) ?? 0) + 1);
          }
        });
      }
    } catch (err) {
      throw new CliError((err as Error).message, 2);
    }
    await writeCliManifest({ file: out }, { command: "synth", argv, inputs: [], config: { format, lines, anomalyRatio: ratio, types, start: start ?? null, meanGapMs: gap }, seed, seconds: (performance.now() - started) / 1000, outputs: [basename(out), basename(written.labels)] });
  } finally {
    claim.release();
  }
  process.stdout.write(
    `wrote ${written.log} (${lines} ${format} lines, ${anomalies} anomalies: ${[...byType.entries()].map(([t, n]) => `${t} ${n}`).join(", ") || "none"})\n` +
      `wrote ${written.labels}\n`,
  );
  return 0;
}
