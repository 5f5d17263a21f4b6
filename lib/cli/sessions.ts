import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic-write.js";
import { CsvWriter } from "../io/csv.js";
import { countRejectReasons, type Rejected } from "../io/rejected.js";
import { distinctSessions } from "../io/key-files.js";
import { EventKeyMap } from "../features/event-key-map.js";
import { minerSettingsOf } from "../parse/drain/state-settings.js";
import { parseFileStream, type ParseStreamSummary } from "../parse/parse-file.js";
import type { TemplateMiner } from "../parse/drain/template-miner.js";
import type { EventWindow } from "../windows/event-window.js";
import { windowKeySequences } from "../features/key-sessions.js";
import { sessionIdReader, type SessionIdReader } from "../windows/session-rule.js";
import { slidingCountWindows, slidingTimeWindows } from "../windows/sliding.js";
import { uncoveredEvents } from "../windows/window-coverage.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { checkAssumeYear, checkFormatFlag } from "./format-flag.js";
import { checkInputFiles } from "./input-files.js";
import { writeCliManifest } from "./cli-manifest.js";
import { OutputFolder } from "./output-target.js";
import { openStateFlag } from "./state-flag.js";
import { streamSessions } from "./sessions-streamed.js";
import { withConfigDefaults } from "./config-flags.js";
import { MINER_BOOLEAN_FLAGS, MINER_FLAGS_USAGE, MINER_VALUE_FLAGS, readMinerFlags } from "./miner-flags.js";

export const usage = `usage: loglab sessions --format NAME|auto|"<Date> <Time> <Level>: <Content>" --input FILE... --out DIR [--force]
                       (--session-id REGEX | --session-field NAME | --window N[:STEP] | --time-window SECONDS[:STEP])
                       [--session-timeout SECONDS]
                       [--keys FILE] [--state FILE] [--label-field NAME --normal-value VALUE]
                       [--config loglab.json] [--mode loglab|drain] [--mask NAME=REGEX]... [--no-default-masks]
                       [--st X] [--depth N] [Drain3 settings] [--assume-year YYYY] [--no-progress]

Turns raw logs into DeepLog-style key files, the input of \`loglab train|detect|evaluate\`: parses
the files (as \`loglab parse\`), groups events into sessions or windows, and maps each template to an
integer key. Writes, in DIR:
  sessions.keys         one session per line, space-separated integer keys
  sessions.csv          Session (line in sessions.keys), SessionId, Events, Label, LabelFileLine,
                        First and Last (file:line of the session's first and last event)
  session-lines.csv     Session, File, LineNo: every raw line of every session (trace detections back)
  keys.csv              Key, EventId, EventTemplate, Occurrences (the key map, extended; see --keys):
                        every template parsed gets a key, in a session or not (keys.csv.sha256: its checksum)
  rejects.csv           lines not parsed or not placed in any session or window, with the reason
                        (every input line is in session-lines.csv or here)
  sessions-summary.json counts, distinct sessions, new keys, reject reasons
With --label-field, also sessions_normal.keys and sessions_abnormal.keys (a session is abnormal
when any of its lines is).

  --config        a log-source configuration (loglab.json: format, masks, Drain settings, session
                  rule; see the README's "Your own logs"); flags given here override the file, and a
                  session rule given here replaces the file's
  --session-id    sessions by identifier: every match of REGEX in a line's content is a session
                  the line belongs to (HDFS: 'blk_-?\\d+')
  --session-field sessions by a header field of the format (sshd: Pid; a request-id column): its
                  value is the session; lines with an empty value belong to none. With
                  --session-id as well, a session is the pair "<value>|<match>"
  --session-timeout  a session closes after SECONDS without a line of it (log time: lines need
                  timestamps; those without one are listed in rejects.csv); a later line with the
                  same id starts a new session. Sessions are written as they close (the rest at the
                  end, in order of first line); memory holds only the open sessions
  --window        count windows of N events starting every STEP events (default STEP = N)
  --time-window   time windows of SECONDS starting every STEP seconds (needs timestamps)
  --keys          a key map to start from (e.g. the training run's keys.csv; it is read, not
                  changed: the extended map goes to DIR/keys.csv). Use it (and --state) for
                  detection data, so the same template gets the same key; templates first seen
                  later get new keys, which models count as out-of-vocabulary
  --state         Drain state file: loaded if it exists, saved after, locked meanwhile (as in \`loglab parse\`)
  --label-field   header field holding a line label (BGL, Thunderbird: Label)
  --normal-value  the value of that field on normal lines (BGL, Thunderbird: -)
${MINER_FLAGS_USAGE}

Example (BGL, 6-hour windows every hour, labels from the alert column):
  loglab sessions --format BGL --input BGL.log --out bgl-sessions --time-window 21600:3600 \\
    --label-field Label --normal-value -`;

/** What is kept per parsed line in window mode (the parser's event objects are not retained). */
interface SlimEvent {
  file: string;
  lineNo: number;
  timestamp: number | undefined;
  templateId: string;
  template: string;
}

/** What a windowing run counted, for the summary and the manifest. */
interface Counted {
  summary: ParseStreamSummary;
  rejected: number;
  rejectReasons: Record<string, number>;
  sessions: number;
  distinctSessions: number;
  abnormalSessions: number | null;
  linesNotInAnySession: number;
  notPlacedReason?: string;
  windowing: Record<string, unknown>;
  outputs: string[];
}

function positiveNumbers(value: string, flag: string, integer: boolean): [number, number | undefined] {
  const parts = value.split(":");
  if (parts.length > 2) throw new CliError(`--${flag} must be SIZE or SIZE:STEP, got "${value}"`, 2);
  const nums = parts.map((p) => Number(p));
  for (const n of nums) {
    if (!(n > 0) || (integer && !Number.isInteger(n))) throw new CliError(`--${flag} needs positive ${integer ? "integers" : "numbers"}, got "${value}"`, 2);
  }
  return [nums[0]!, nums[1]];
}

function keyLine(seq: readonly number[]): string {
  return seq.join(" ") + "\n";
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const VALUES = ["config", "format", "input", "out", "session-id", "session-field", "session-timeout", "window", "time-window", "keys", "state", "label-field", "normal-value", "mode", "assume-year", ...MINER_VALUE_FLAGS];
  const BOOLEANS = ["no-progress", "force", ...MINER_BOOLEAN_FLAGS];
  const { args, config } = withConfigDefaults(parseArgs(argv, { values: VALUES, booleans: BOOLEANS, multi: ["input", "mask"] }), "sessions", [...VALUES, ...BOOLEANS], {
    exclusive: [["session-id", "session-field", "window", "time-window"]],
  });
  const minerFlags = readMinerFlags(args);
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"\n${usage}`, 2);
  const format = checkFormatFlag(requireFlag(args, "format", usage));
  const inputs = args.flags.get("input") ?? [];
  if (inputs.length === 0) throw new CliError(`--input is required\n${usage}`, 2);
  checkInputFiles(inputs, "--input");
  const outFlag = requireFlag(args, "out", usage);
  const out = resolve(outFlag);
  const sessionId = flagValue(args, "session-id");
  const sessionField = flagValue(args, "session-field");
  const countWindow = flagValue(args, "window");
  const timeWindow = flagValue(args, "time-window");
  const bySession = sessionId !== undefined || sessionField !== undefined ? true : undefined;
  const chosen = [bySession, countWindow, timeWindow].filter((v) => v !== undefined).length;
  if (chosen !== 1) throw new CliError(`give exactly one of --session-id, --window, --time-window (--session-field alone or with --session-id counts as one)\n${usage}`, 2);
  if (sessionField !== undefined && !/^[^\s]+$/.test(sessionField)) throw new CliError(`--session-field needs a header field name, got "${sessionField}"`, 2);
  const timeoutFlag = flagValue(args, "session-timeout");
  if (timeoutFlag !== undefined && !bySession) throw new CliError("--session-timeout goes with --session-id or --session-field", 2);
  const timeoutSeconds = timeoutFlag === undefined ? undefined : Number(timeoutFlag);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0 && Number.isFinite(timeoutSeconds))) throw new CliError(`--session-timeout needs a positive number of seconds, got "${timeoutFlag}"`, 2);
  let idPattern: RegExp | undefined;
  if (sessionId !== undefined) {
    try {
      idPattern = new RegExp(sessionId, "g");
    } catch (err) {
      throw new CliError(`--session-id is not a valid regular expression: ${(err as Error).message}`, 2);
    }
  }
  const rule: SessionIdReader | undefined = bySession ? sessionIdReader({ field: sessionField, idPattern }) : undefined;
  const countSpec = countWindow !== undefined ? positiveNumbers(countWindow, "window", true) : undefined;
  const timeSpec = timeWindow !== undefined ? positiveNumbers(timeWindow, "time-window", false) : undefined;
  const labelField = flagValue(args, "label-field");
  const normalValue = flagValue(args, "normal-value");
  if ((labelField === undefined) !== (normalValue === undefined)) throw new CliError("--label-field and --normal-value go together", 2);
  const mode = minerFlags.mode;
  const assumeYear = checkAssumeYear(flagValue(args, "assume-year"));
  const keysIn = flagValue(args, "keys");
  if (keysIn !== undefined) checkInputFiles([keysIn], "--keys");
  const statePath = flagValue(args, "state");

  const state = openStateFlag(statePath, { format, mode, miner: minerFlags.options, explicit: minerFlags.explicit });
  let target: OutputFolder | null = null;
  try {
    target = OutputFolder.claim(outFlag, { command: "sessions", force: args.flags.has("force"), inputs: [...inputs, ...(keysIn !== undefined ? [keysIn] : []), ...(statePath !== undefined ? [statePath] : [])] });
    const dir = target.dir;
    // The key map: --keys, else the earlier output's keys.csv (with --force), else a new one.
    const previousKeys = join(out, "keys.csv");
    const keysFrom = keysIn ?? (existsSync(previousKeys) ? previousKeys : undefined);
    let keyMap: EventKeyMap;
    try {
      keyMap = EventKeyMap.loadOrNew(keysFrom);
    } catch (err) {
      throw new CliError((err as Error).message, 1);
    }

    /** Count or time windows, in memory as before (a small record per line). */
    const windowsInMemory = async (dir: string, keyMap: EventKeyMap, miner: TemplateMiner | undefined): Promise<Counted> => {
      // 1. Parse, keeping a small record (and the label) per line.
      const events: SlimEvent[] = [];
      const labels: number[] = [];
      let summary;
      try {
        summary = await parseFileStream(
          inputs,
          { ...minerFlags.options, format, mode, assumeYear, passes: 2, miner, progress: !args.flags.has("no-progress") },
          (batch) => {
            for (const e of batch) {
              events.push({ file: e.file, lineNo: e.lineNo, timestamp: e.timestamp, templateId: e.templateId, template: e.template });
              if (labelField !== undefined) {
                const v = e.fields[labelField];
                if (v === undefined) throw new Error(`${e.file}:${e.lineNo}: no header field "${labelField}" (fields: ${Object.keys(e.fields).join(", ")})`);
                labels.push(v === normalValue ? 0 : 1);
              }
            }
          },
        );
      } catch (err) {
        throw new CliError((err as Error).message, 1);
      }
      const rejects: Rejected[] = [...summary.rejects];

      // 2. Windows (every window keeps the file and line of each event).
      let windows: EventWindow[];
      const windowRejects: Rejected[] = [];
      let notPlacedReason: string;
      if (countSpec !== undefined) {
        const [size, step] = countSpec;
        windows = slidingCountWindows(events, { size, step });
        notPlacedReason = `between count windows (--window ${countWindow}: a window of ${size} lines starts every ${step ?? size} lines)`;
      } else {
        const [size, step] = timeSpec!;
        const t = slidingTimeWindows(events, { sizeMs: size * 1000, stepMs: step === undefined ? undefined : step * 1000 });
        windows = t.windows;
        windowRejects.push(...t.rejected);
        notPlacedReason = `between time windows (--time-window ${timeWindow}: a window of ${size} s starts every ${step ?? size} s)`;
      }
      if (windows.length === 0) throw new CliError(`no sessions: ${events.length} lines parsed, none placed in a window`, 1);
      // Every parsed line is in a window or reported: the windowing's own rejects (no timestamp) keep their reason.
      const ownReason = new Map(windowRejects.map((r) => [`${r.file}\u0000${r.lineNo}`, r.reason]));
      const left = uncoveredEvents(events.length, windows);
      for (const i of left) {
        const e = events[i]!;
        rejects.push({ file: e.file, lineNo: e.lineNo, reason: ownReason.get(`${e.file}\u0000${e.lineNo}`) ?? notPlacedReason });
      }
      rejects.sort((a, b) => (a.file === b.file ? a.lineNo - b.lineNo : a.file < b.file ? -1 : 1));

      // 3. Keys, files. Templates of lines left out get keys too (after the placed ones).
      const keyed = windowKeySequences(events, windows, keyMap, labelField !== undefined ? labels : undefined);
      for (const i of left) keyMap.ensure(events[i]!.templateId, events[i]!.template);
      writeFileAtomic(join(dir, "sessions.keys"), keyed.sequences.map(keyLine).join(""));
      const labelFileLine: number[] = [];
      if (keyed.labels) {
        const normal: string[] = [];
        const abnormal: string[] = [];
        keyed.sequences.forEach((s, k) => {
          const list = keyed.labels![k] ? abnormal : normal;
          list.push(keyLine(s));
          labelFileLine.push(list.length);
        });
        writeFileAtomic(join(dir, "sessions_normal.keys"), normal.join(""));
        writeFileAtomic(join(dir, "sessions_abnormal.keys"), abnormal.join(""));
      }
      const index = new CsvWriter(join(dir, "sessions.csv"), ["Session", "SessionId", "Events", "Label", "LabelFileLine", "First", "Last"]);
      const lines = new CsvWriter(join(dir, "session-lines.csv"), ["Session", "File", "LineNo"]);
      keyed.windows.forEach((w, k) => {
        const first = w.lines[0]!;
        const last = w.lines[w.lines.length - 1]!;
        index.write([k + 1, w.id, w.indices.length, keyed.labels ? keyed.labels[k]! : "", keyed.labels ? labelFileLine[k]! : "", `${first.file}:${first.lineNo}`, `${last.file}:${last.lineNo}`]);
        for (const l of w.lines) lines.write([k + 1, l.file, l.lineNo]);
      });
      index.close();
      lines.close();
      const rejectsCsv = new CsvWriter(join(dir, "rejects.csv"), ["File", "LineId", "Reason"]);
      for (const r of rejects) rejectsCsv.write([r.file, r.lineNo, r.reason]);
      rejectsCsv.close();
      return {
        summary, rejected: rejects.length, rejectReasons: countRejectReasons(rejects), sessions: keyed.sequences.length,
        distinctSessions: distinctSessions(keyed.sequences).length, abnormalSessions: keyed.labels ? keyed.labels.reduce((a, b) => a + b, 0) : null,
        linesNotInAnySession: left.length, notPlacedReason,
        windowing: countWindow !== undefined ? { kind: "count", spec: countWindow } : { kind: "time", spec: timeWindow },
        outputs: ["sessions.keys", "sessions.csv", "session-lines.csv", "rejects.csv", ...(keyed.labels ? ["sessions_normal.keys", "sessions_abnormal.keys"] : [])],
      };
    };

    let counted: Counted;
    if (rule) {
      // Sessions by id: streamed, each written as it closes (lib/cli/sessions-streamed.ts).
      const r = await streamSessions({
        inputs, dir, format, mode, assumeYear, minerOptions: minerFlags.options, miner: state.miner, progress: !args.flags.has("no-progress"), rule, keyMap,
        timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
        label: labelField !== undefined ? { field: labelField, normalValue: normalValue! } : undefined,
      });
      counted = {
        summary: r.summary, rejected: r.rejects, rejectReasons: r.rejectReasons, sessions: r.sessions, distinctSessions: r.distinctSessions,
        abnormalSessions: r.abnormalSessions, linesNotInAnySession: r.linesNotInAnySession, outputs: r.outputs,
        windowing: { kind: "session", ...(idPattern ? { idPattern: idPattern.source } : {}), ...(sessionField !== undefined ? { field: sessionField } : {}), ...(timeoutSeconds !== undefined ? { timeoutSeconds, closedByTimeout: r.closedByTimeout } : {}) },
      };
    } else {
      counted = await windowsInMemory(dir, keyMap, state.miner);
    }
    const { summary } = counted;
    keyMap.save(join(dir, "keys.csv"));

    const abnormalCount = counted.abnormalSessions;
    const settings = { ...minerSettingsOf(summary.miner.config), fromState: state.loaded };
    const result = {
      inputs,
      lines: summary.stats.lines,
      parsed: summary.stats.parsed,
      rejected: counted.rejected,
      rejectReasons: counted.rejectReasons,
      windowing: counted.windowing,
      sessions: counted.sessions,
      distinctSessions: counted.distinctSessions,
      abnormalSessions: abnormalCount,
      linesNotInAnySession: counted.linesNotInAnySession,
      keys: keyMap.size,
      newKeys: keyMap.added.map((e) => ({ key: e.key, eventId: e.eventId, template: e.template })),
      keyMap: join(out, "keys.csv"),
      keysFrom: keysFrom ?? null,
      settings,
      state: statePath ?? null,
    };
    writeJsonAtomic(join(dir, "sessions-summary.json"), result);
    await writeCliManifest({ folder: dir }, {
      command: "sessions",
      argv,
      inputs: [...inputs, ...(keysFrom ? [keysFrom] : []), ...(state.loaded ? [statePath!] : []), ...(config !== null ? [config] : [])],
      config: { format, mode: settings.mode, st: settings.simThreshold, depth: settings.depth, masking: settings.masking, maxChildren: settings.maxChildren, maxClusters: settings.maxClusters, parametrizeNumericTokens: settings.parametrizeNumericTokens, treeWalk: settings.treeWalk, extraDelimiters: settings.extraDelimiters, settingsFromState: state.loaded, configFile: config, windowing: result.windowing, labelField: labelField ?? null, normalValue: normalValue ?? null, keys: keysFrom ?? null, state: statePath ?? null, assumeYear: assumeYear ?? null },
      seconds: (performance.now() - started) / 1000,
      outputs: [...counted.outputs, "keys.csv", "keys.csv.sha256", "sessions-summary.json"],
    });
    target.commit();
    state.save(summary.miner);
    if (counted.linesNotInAnySession > 0 && !rule) process.stderr.write(`loglab sessions: ${counted.linesNotInAnySession.toLocaleString("en-US")} lines fall ${counted.notPlacedReason}; they are listed in rejects.csv\n`);
    process.stdout.write(
      `${result.sessions.toLocaleString("en-US")} sessions (${result.distinctSessions.toLocaleString("en-US")} distinct` +
        `${abnormalCount !== null ? `, ${abnormalCount.toLocaleString("en-US")} abnormal` : ""}) from ${result.parsed.toLocaleString("en-US")} of ` +
        `${result.lines.toLocaleString("en-US")} lines; ${result.keys} keys (${keyMap.added.length} new); ${result.rejected} lines rejected or not placed → ${out}\n`,
    );
    return 0;
  } finally {
    target?.release();
    state.release();
  }
}
