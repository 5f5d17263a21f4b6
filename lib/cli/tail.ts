import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { EventKeyMap } from "../features/event-key-map.js";
import { FileFollower, type FollowNote } from "../live/file-follower.js";
import { LiveDetector, type LiveReject, type ScoredLiveSession } from "../live/live-detector.js";
import type { LiveGrouping } from "../live/live-sessionizer.js";
import { MODEL_CARD } from "../models/trained-model.js";
import type { TemplateMiner } from "../parse/drain/template-miner.js";
import { detectFormat } from "../parse/formats/detect.js";
import { RecordReader, resolveParseSetup } from "../parse/log-parser.js";
import { onExitCleanup } from "../runtime/exit-cleanup.js";
import { readSessionDetectorFolder, SESSION_DETECTOR_FILE } from "../serve/session-detector.js";
import { sessionIdReader, type SessionIdReader } from "../windows/session-rule.js";
import { CliError, flagValue, parseArgs } from "./cli-error.js";
import { checkAssumeYear, checkFormatFlag } from "./format-flag.js";
import { loadModelFlag } from "./model-flag.js";
import { openStateFlag } from "./state-flag.js";
import { withConfigDefaults } from "./config-flags.js";
import { MINER_BOOLEAN_FLAGS, MINER_FLAGS_USAGE, MINER_VALUE_FLAGS, readMinerFlags } from "./miner-flags.js";

export const usage = `usage: loglab tail FILE --model DIR [--config loglab.json] [--state FILE] [--format NAME|auto]
                  [--session-id REGEX | --session-field NAME | --window N[:STEP]] [--session-timeout SECONDS]
                  [--keys FILE] [--from-start] [--poll-ms MS] [--max-idle SECONDS] [--json] [--assume-year YYYY]

Follows a growing log (as tail -F: through rotation and truncation), parses each new line with the
Drain state the model's training sessions were mined with, groups lines into sessions as
\`loglab sessions\` does, scores each session when it closes and prints every anomaly
(score > the threshold chosen at training) with the raw lines behind it. Stops on Ctrl-C / SIGTERM
(or after --max-idle): the open sessions are closed and scored, the Drain state is saved, and a
summary goes to stderr (lines read, parsed, rejected, in no session, sessions scored, anomalies).
Exit status 0 after such a stop.

  --config FILE     a log-source configuration (loglab.json, as for \`loglab sessions\`): format,
                    masks, Drain settings and session rule; flags given here override it, and a
                    state mined with other masks or Drain settings is refused
  --model DIR       a session-detector folder (what \`loglab serve\` reads: model/, keys.csv,
                    drain-state.json, serve-detector.json with the format and session rule), or a
                    model folder of \`loglab train\` together with --keys, --state, --format and a
                    session rule (the settings of the \`loglab sessions\` run it was trained on)
  --state FILE      the Drain state to continue: loaded if it exists (else the detector folder's
                    drain-state.json), locked while tail runs, saved on exit with the templates
                    mined meanwhile. Without it nothing is saved
  --format          the header format (default: the detector folder's); auto detects it from the
                    lines already in FILE
  --session-id, --session-field, --window, --session-timeout   as in \`loglab sessions\`; with a
                    timeout a session closes (and is scored) once the log's time has moved past it
                    by SECONDS; otherwise sessions close when tail stops (count windows: when full)
  --from-start      read what FILE holds first (default: only lines appended after the start)
  --poll-ms         how often FILE is checked for new lines (default 250)
  --max-idle        stop after SECONDS without a new line
  --json            one JSON object per anomaly on stdout instead of text blocks
  --mode, --mask, --no-default-masks, … (the miner flags of \`loglab sessions\`): compared with the
                    Drain state's settings; a difference is an error (a state keeps its settings)
${MINER_FLAGS_USAGE}

Rejected lines (the format does not match) are named on stderr (file:line and reason; the first 10
of each reason, the rest counted) and counted in the summary; lines in no session are counted.

Example (a detector folder as built in the README's \`tail\` section):
  loglab tail /var/log/hdfs.log --model models/detectors/hdfs-pca --state hdfs-live.state.json`;

const REJECTS_SHOWN_PER_REASON = 10;

function positiveNumber(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n)) || (integer && !Number.isInteger(n))) throw new CliError(`--${flag} needs a positive ${integer ? "integer" : "number"}, got "${value}"`, 2);
  return n;
}

/** The first lines of a file, for `--format auto`. */
function firstLines(path: string, max: number): string[] {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString("utf8").split("\n").slice(0, max).map((l) => l.replace(/\r$/, ""));
  } finally {
    closeSync(fd);
  }
}

/** One anomaly as a text block: the session, its score against the threshold, then its raw lines. */
function anomalyText(s: ScoredLiveSession, threshold: number): string {
  const head = `ANOMALY session ${s.id}: score ${s.score} > threshold ${threshold} (${s.lines.length} lines${s.outOfVocabulary ? `, ${s.outOfVocabulary} with templates unseen in training` : ""}; closed by ${s.closedBy})`;
  return [head, ...s.lines.map((l) => `  ${l.file}:${l.lineNo}: ${l.text}`)].join("\n") + "\n\n";
}

function anomalyJson(s: ScoredLiveSession, threshold: number): string {
  return JSON.stringify({ session: s.id, score: s.score, threshold, closedBy: s.closedBy, outOfVocabulary: s.outOfVocabulary, lines: s.lines.map((l) => ({ file: l.file, lineNo: l.lineNo, text: l.text })) }) + "\n";
}

export async function run(argv: readonly string[]): Promise<number> {
  const VALUES = ["config", "model", "state", "format", "mode", "keys", "session-id", "session-field", "window", "session-timeout", "poll-ms", "max-idle", "assume-year", ...MINER_VALUE_FLAGS];
  const BOOLEANS = ["from-start", "json", ...MINER_BOOLEAN_FLAGS];
  const { args } = withConfigDefaults(parseArgs(argv, { values: VALUES, booleans: BOOLEANS, multi: ["mask"] }), "tail", [...VALUES, ...BOOLEANS], {
    exclusive: [["session-id", "session-field", "window"]],
  });
  const minerFlags = readMinerFlags(args);
  if (args.positionals.length !== 1) throw new CliError(`give exactly one FILE to follow${args.positionals.length ? ` (got ${args.positionals.join(" ")})` : ""}\n${usage}`, 2);
  const file = args.positionals[0]!;
  const modelDir = flagValue(args, "model");
  if (modelDir === undefined) throw new CliError(`--model is required\n${usage}`, 2);
  if (!existsSync(file)) throw new CliError(`${file}: no such file`, 2);
  const formatFlag = flagValue(args, "format");
  if (formatFlag !== undefined) checkFormatFlag(formatFlag);
  const assumeYear = checkAssumeYear(flagValue(args, "assume-year"));
  const pollMs = positiveNumber(flagValue(args, "poll-ms"), "poll-ms", true) ?? 250;
  const maxIdleS = positiveNumber(flagValue(args, "max-idle"), "max-idle", false);
  const timeoutS = positiveNumber(flagValue(args, "session-timeout"), "session-timeout", false);
  const windowFlag = flagValue(args, "window");
  const idFlag = flagValue(args, "session-id");
  const fieldFlag = flagValue(args, "session-field");
  if (windowFlag !== undefined && (idFlag !== undefined || fieldFlag !== undefined)) throw new CliError("give --window or a session rule (--session-id, --session-field), not both", 2);
  if (timeoutS !== undefined && windowFlag !== undefined) throw new CliError("--session-timeout goes with --session-id or --session-field", 2);
  const json = args.flags.has("json");
  const statePath = flagValue(args, "state");
  const keysFlag = flagValue(args, "keys");

  // 1. The trained pieces: a detector folder, or a model folder plus the flags that say how its sessions were made.
  const isDetectorFolder = existsSync(join(modelDir, SESSION_DETECTOR_FILE));
  let folder: Awaited<ReturnType<typeof readSessionDetectorFolder>> | null = null;
  if (isDetectorFolder) {
    try {
      folder = await readSessionDetectorFolder(modelDir);
    } catch (err) {
      throw new CliError(`--model ${(err as Error).message}`);
    }
  } else if (!existsSync(join(modelDir, MODEL_CARD))) {
    throw new CliError(`--model ${modelDir}: neither a session-detector folder (${SESSION_DETECTOR_FILE}) nor a model folder (${MODEL_CARD})`, 2);
  }
  const loaded = folder ?? (await loadModelFlag(modelDir));
  const disposeModel = (): void => loaded.detector.dispose();
  try {
    let format = formatFlag ?? folder?.config.logFormat;
    if (format === undefined) throw new CliError(`--model ${modelDir} is a model folder: give --format (the format its training sessions were parsed with)`, 2);
    if (format === "auto") {
      const d = detectFormat(firstLines(file, 200));
      if (d.confidence < 0.5) throw new CliError(`${file}: could not detect the log format from its first lines (best: ${d.candidates.slice(0, 3).map((c) => `${c.name} ${(c.confidence * 100).toFixed(0)}%`).join(", ")}); give --format`, 2);
      format = d.name;
    }
    let setup;
    try {
      setup = resolveParseSetup(format, { assumeYear });
    } catch (err) {
      throw new CliError(`--format: ${(err as Error).message}`, 2);
    }
    let rule: SessionIdReader | null = null;
    let grouping: LiveGrouping;
    if (windowFlag !== undefined) {
      const [size, step, more] = windowFlag.split(":").map((p) => positiveNumber(p, "window", true)!);
      if (more !== undefined) throw new CliError(`--window must be N or N:STEP, got "${windowFlag}"`, 2);
      grouping = { kind: "count", size: size!, step };
    } else if (idFlag !== undefined || fieldFlag !== undefined) {
      let idPattern: RegExp | undefined;
      try {
        idPattern = idFlag !== undefined ? new RegExp(idFlag, "g") : undefined;
      } catch (err) {
        throw new CliError(`--session-id is not a valid regular expression: ${(err as Error).message}`, 2);
      }
      rule = sessionIdReader({ field: fieldFlag, idPattern });
      grouping = { kind: "session", timeoutMs: timeoutS === undefined ? undefined : timeoutS * 1000 };
    } else if (folder) {
      const s = folder.config.session;
      if ("idPattern" in s) {
        rule = sessionIdReader({ idPattern: folder.idPattern! });
        grouping = { kind: "session", timeoutMs: timeoutS === undefined ? undefined : timeoutS * 1000 };
      } else {
        if (timeoutS !== undefined) throw new CliError(`--session-timeout: the detector folder ${modelDir} uses count windows`, 2);
        grouping = { kind: "count", size: s.window, step: s.step };
      }
    } else throw new CliError(`--model ${modelDir} is a model folder: give the session rule it was trained with (--session-id, --session-field or --window)`, 2);
    let keys: EventKeyMap;
    if (keysFlag !== undefined) {
      try {
        keys = EventKeyMap.load(keysFlag);
      } catch (err) {
        throw new CliError(`--keys ${(err as Error).message}`);
      }
    } else if (folder) keys = folder.keys;
    else throw new CliError(`--model ${modelDir} is a model folder: give --keys (the keys.csv of the \`loglab sessions\` run it was trained on)`, 2);

    // 2. The Drain state: --state (locked until exit), else the detector folder's (read, not saved).
    const state = openStateFlag(statePath, { format, mode: minerFlags.mode, miner: minerFlags.options, explicit: minerFlags.explicit });
    try {
      // No --state yet: the detector folder's state (loaded on its own) is continued, and saved to --state.
      const miner: TemplateMiner | undefined = state.miner ?? folder?.miner;
      if (!miner) throw new CliError(statePath === undefined ? `--model ${modelDir} is a model folder: give --state, the Drain state its training sessions were mined with (\`loglab sessions --state\`)` : `--state ${statePath}: no such file, and a model folder has no Drain state of its own: give the state its training sessions were mined with`, 2);
      return await follow({ file, setup, miner, keys, rule, grouping, loaded, fromStart: args.flags.has("from-start"), pollMs, maxIdleMs: maxIdleS === undefined ? undefined : maxIdleS * 1000, json, statePath, save: (m) => state.save(m) });
    } finally {
      state.release();
    }
  } finally {
    disposeModel();
  }
}

interface FollowInput {
  file: string;
  setup: ReturnType<typeof resolveParseSetup>;
  miner: TemplateMiner;
  keys: EventKeyMap;
  rule: SessionIdReader | null;
  grouping: LiveGrouping;
  loaded: Awaited<ReturnType<typeof loadModelFlag>>;
  fromStart: boolean;
  pollMs: number;
  maxIdleMs: number | undefined;
  json: boolean;
  statePath: string | undefined;
  save: (miner: TemplateMiner) => void;
}

/** The follow loop: poll, parse, score what closed, print; on a stop signal or --max-idle, flush, save, summarise. */
async function follow(o: FollowInput): Promise<number> {
  const say = (m: string): void => void process.stderr.write(`loglab tail: ${m}\n`);
  const { card, detector } = o.loaded;
  const shown = new Map<string, number>();
  const onReject = (r: LiveReject): void => {
    if (r.kind !== "rejected") return; // lines in no session are counted in the summary
    const n = (shown.get(r.reason) ?? 0) + 1;
    shown.set(r.reason, n);
    if (n <= REJECTS_SHOWN_PER_REASON) say(`${r.file}:${r.lineNo}: rejected (${r.reason})${n === REJECTS_SHOWN_PER_REASON ? "; further lines rejected for this reason are only counted" : ""}`);
  };
  const live = new LiveDetector({ reader: new RecordReader(o.setup.format, o.file, o.setup.timestampOptions), miner: o.miner, keys: o.keys, rule: o.rule, grouping: o.grouping, detector, threshold: card.threshold, vocabulary: card.vocabulary }, onReject);
  const follower = new FileFollower(o.file, {
    fromStart: o.fromStart,
    onLines: (lines) => live.addLines(o.file, lines),
    onNote: (n: FollowNote) => say(n.kind === "rotated" ? `${n.path} was rotated: following the new file from its start` : n.kind === "truncated" ? `${n.path} was truncated (now ${n.size} bytes): reading again from its start` : `${n.path} is gone: waiting for it to come back`),
  });
  try {
    follower.start();
  } catch (err) {
    throw new CliError((err as Error).message, 1);
  }
  // If the process ends another way (a second signal, a closed stdout), the state is still saved.
  const undoSave = o.statePath !== undefined ? onExitCleanup(() => o.save(o.miner)) : () => {};
  const stop = new StopSignal();
  const print = (scored: ScoredLiveSession[]): void => {
    for (const s of scored) if (s.anomalous) process.stdout.write(o.json ? anomalyJson(s, card.threshold) : anomalyText(s, card.threshold));
  };
  say(`following ${o.file} (${o.fromStart ? "from its start" : "new lines only"}; model ${card.name}, threshold ${card.threshold}; format ${o.setup.format.name}; ${o.rule ? `sessions by ${o.rule.describe}` : "count windows"})`);
  try {
    let lastLineAt = performance.now();
    while (stop.reason === null) {
      if (pollOrFail(follower) > 0) lastLineAt = performance.now();
      print(await scoreOrFail(live));
      if (o.maxIdleMs !== undefined && performance.now() - lastLineAt >= o.maxIdleMs) stop.reason = `no new line for ${o.maxIdleMs / 1000} s`;
      else await stop.sleep(o.pollMs);
    }
    pollOrFail(follower); // what was written just before the stop
    follower.close();
    live.end();
    print(await scoreOrFail(live));
    if (o.statePath !== undefined) o.save(o.miner);
  } finally {
    stop.dispose();
    undoSave();
  }
  const c = live.counts;
  const reasons = Object.entries(c.reasons).map(([r, k]) => `${r}: ${k}`).join("; ");
  say(
    `stopped (${stop.reason}): ${c.lines} lines read, ${c.parsed} parsed, ${c.rejected} rejected, ${c.unplaced} in no session` +
      `${reasons ? ` (${reasons})` : ""}; ${c.newTemplates} lines mined as new templates; ${c.sessionsScored} sessions scored, ${c.anomalies} anomalies` +
      `${c.outOfVocabularyEvents ? `; ${c.outOfVocabularyEvents} events with templates unseen in training` : ""}; ${follower.counts.rotations} rotations, ${follower.counts.truncations} truncations` +
      `; ${o.statePath !== undefined ? `Drain state saved to ${o.statePath}` : "Drain state not saved (no --state)"}`,
  );
  return 0;
}

/**
 * SIGINT and SIGTERM as a graceful stop (as \`loglab serve\` does): while this listener is there,
 * the process guard (lib/cli/process-guards.ts) leaves the first signal to it; a second one
 * after {@link dispose} ends the process as usual (its exit cleanup still saves the state).
 */
class StopSignal {
  reason: string | null = null;
  private wake: (() => void) | null = null;
  private readonly onSignal = (sig: NodeJS.Signals): void => {
    this.reason = sig;
    this.wake?.();
  };

  constructor() {
    process.on("SIGINT", this.onSignal);
    process.on("SIGTERM", this.onSignal);
  }

  /** Waits `ms`, or less if a signal comes. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((done) => {
      const t = setTimeout(() => {
        this.wake = null;
        done();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        done();
      };
    });
  }

  dispose(): void {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }
}

function pollOrFail(follower: FileFollower): number {
  try {
    return follower.poll();
  } catch (err) {
    throw new CliError((err as Error).message, 1);
  }
}

async function scoreOrFail(live: LiveDetector): Promise<ScoredLiveSession[]> {
  try {
    return await live.scoreClosed();
  } catch (err) {
    throw new CliError((err as Error).message, 1);
  }
}
