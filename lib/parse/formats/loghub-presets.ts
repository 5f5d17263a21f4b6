import type { HeaderFormat, TimestampOptions } from "./header-format.js";
import { logFormat } from "./loghub-format.js";
import { epochSecondsToMillis, monthIndex, readClock, readIsoDate, utcMillis } from "./timestamps.js";

/**
 * The 16 systems of the LogHub 2k benchmark (Zhu et al., ICSE'19), in the order of logparser's
 * benchmark table. Their header formats are parser presets
 * (below); the 2k samples themselves are read by lib/data/.
 */
export const LOGHUB_SYSTEMS = [
  "HDFS",
  "Hadoop",
  "Spark",
  "Zookeeper",
  "BGL",
  "HPC",
  "Thunderbird",
  "Windows",
  "Linux",
  "Android",
  "HealthApp",
  "Apache",
  "Proxifier",
  "OpenSSH",
  "OpenStack",
  "Mac",
] as const;

/** A LogHub 2k system name (`HDFS`, `BGL`, …). */
export type LoghubSystem = (typeof LOGHUB_SYSTEMS)[number];

/** True when `name` is one of {@link LOGHUB_SYSTEMS} (exact spelling). */
export function isLoghubSystem(name: string): name is LoghubSystem {
  return (LOGHUB_SYSTEMS as readonly string[]).includes(name);
}

/**
 * The 16 LogHub systems as presets: header format, preprocessing masks and Drain settings as
 * used by logparser's Drain benchmark (logpai/logparser `logparser/Drain/benchmark.py` @
 * db272234a0cb), with Drain's published results on the original 2k ground truth (logparser's
 * `logparser/Drain/README.md`, same commit). A test checks these values against
 * data/loghub-2k/benchmark_settings.json.
 */

/** Settings and reference numbers of one LogHub system. */
export interface LoghubPreset {
  system: LoghubSystem;
  /** LogHub `log_format` string. */
  logFormat: string;
  /** Preprocessing regexes, applied in order, each match replaced by `<*>`. */
  masks: readonly string[];
  /** Drain similarity threshold. */
  st: number;
  /** Drain depth (root and leaf layers included, as in logparser). */
  depth: number;
  /** Drain's published grouping accuracy and pairwise F1 on the original 2k ground truth. */
  published: { groupingAccuracy: number; f1: number };
  /** The header format (timestamps, level/component fields, detection patterns). */
  format: HeaderFormat;
}

type Ts = (values: readonly string[], options: TimestampOptions) => number | undefined;

const YEARLESS_NOTE = "no year in the log: timestamps need assumeYear";

/** Month name + day + clock, year from options (Linux, Mac, OpenSSH, Thunderbird's syslog part). */
function monthDayClock(fields: readonly string[], month: string, day: string, time: string): Ts {
  const mi = fields.indexOf(month);
  const di = fields.indexOf(day);
  const ti = fields.indexOf(time);
  return (v, o) => {
    if (o.assumeYear === undefined) return undefined;
    const c = readClock(v[ti]!);
    return c ? utcMillis(o.assumeYear, monthIndex(v[mi]!), Number(v[di]), ...c) : undefined;
  };
}

/**
 * Remembers the last (date, time) pair: consecutive lines mostly share it, and comparing two
 * short strings is cheaper than parsing them (this sits on the per-line hot path).
 */
function memoPair(di: number, ti: number, compute: (d: string, t: string, o: TimestampOptions) => number | undefined): Ts {
  let lastD = "";
  let lastT = "";
  let lastYear: number | undefined;
  let last: number | undefined;
  let has = false;
  return (v, o) => {
    const d = v[di]!;
    const t = v[ti]!;
    if (has && d === lastD && t === lastT && o.assumeYear === lastYear) return last;
    last = compute(d, t, o);
    lastD = d;
    lastT = t;
    lastYear = o.assumeYear;
    has = true;
    return last;
  };
}

function isoDateClock(fields: readonly string[], date = "Date", time = "Time"): Ts {
  return memoPair(fields.indexOf(date), fields.indexOf(time), (ds, ts) => {
    const d = readIsoDate(ds);
    const c = readClock(ts);
    return d && c ? utcMillis(d[0], d[1], d[2], ...c) : undefined;
  });
}

function epochField(fields: readonly string[], name: string): Ts {
  const i = fields.indexOf(name);
  return (v) => epochSecondsToMillis(v[i]!);
}

const LEVEL = /^(INFO|WARN|WARNING|ERROR|FATAL|DEBUG|TRACE|SEVERE|NOTICE|CRITICAL)$/;

interface Spec {
  logFormat: string;
  masks: string[];
  st: number;
  depth: number;
  published: { groupingAccuracy: number; f1: number };
  timestamp: (fields: readonly string[]) => Ts;
  fieldPatterns: Record<string, RegExp>;
  levelField?: string;
  componentField?: string;
  note?: string;
}

const SPECS: Record<LoghubSystem, Spec> = {
  HDFS: {
    logFormat: "<Date> <Time> <Pid> <Level> <Component>: <Content>",
    masks: ["blk_-?\\d+", "(\\d+\\.){3}\\d+(:\\d+)?"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 0.9975, f1: 0.999984 },
    timestamp: (f) =>
      memoPair(f.indexOf("Date"), f.indexOf("Time"), (d, t) => {
        if (!/^\d{6}$/.test(d) || !/^\d{6}$/.test(t)) return undefined;
        return utcMillis(2000 + Number(d.slice(0, 2)), Number(d.slice(2, 4)) - 1, Number(d.slice(4, 6)), Number(t.slice(0, 2)), Number(t.slice(2, 4)), Number(t.slice(4, 6)));
      }),
    fieldPatterns: { Date: /^\d{6}$/, Time: /^\d{6}$/, Pid: /^\d+$/, Level: LEVEL, Component: /^[\w$.]+$/ },
  },
  Hadoop: {
    logFormat: "<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>",
    masks: ["(\\d+\\.){3}\\d+"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 0.9475, f1: 0.998989 },
    timestamp: (f) => isoDateClock(f),
    fieldPatterns: { Date: /^\d{4}-\d{2}-\d{2}$/, Time: /^\d{2}:\d{2}:\d{2},\d{3}$/, Level: LEVEL },
  },
  Spark: {
    logFormat: "<Date> <Time> <Level> <Component>: <Content>",
    masks: ["(\\d+\\.){3}\\d+", "\\b[KGTM]?B\\b", "([\\w-]+\\.){2,}[\\w-]+"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 0.92, f1: 0.991876 },
    timestamp: (f) => {
      const di = f.indexOf("Date");
      const ti = f.indexOf("Time");
      return (v) => {
        const d = v[di]!;
        const c = readClock(v[ti]!);
        if (!c || !/^\d{2}\/\d{2}\/\d{2}$/.test(d)) return undefined;
        return utcMillis(2000 + Number(d.slice(0, 2)), Number(d.slice(3, 5)) - 1, Number(d.slice(6, 8)), ...c);
      };
    },
    fieldPatterns: { Date: /^\d{2}\/\d{2}\/\d{2}$/, Time: /^\d{2}:\d{2}:\d{2}$/, Level: LEVEL, Component: /^[\w$.]+$/ },
  },
  Zookeeper: {
    logFormat: "<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>",
    masks: ["(/|)(\\d+\\.){3}\\d+(:\\d+)?"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 0.9665, f1: 0.999536 },
    timestamp: (f) => isoDateClock(f),
    fieldPatterns: { Date: /^\d{4}-\d{2}-\d{2}$/, Time: /^\d{2}:\d{2}:\d{2},\d{3}$/, Level: LEVEL, Id: /^\d+$/ },
  },
  BGL: {
    logFormat: "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>",
    masks: ["core\\.\\d+"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 0.9625, f1: 0.999599 },
    timestamp: (f) => {
      // Time is 2005-06-03-15.42.50.675872 (microseconds); Timestamp holds whole seconds.
      const ti = f.indexOf("Time");
      const si = f.indexOf("Timestamp");
      return (v) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.(\d{2})\.(\d{1,6})$/.exec(v[ti]!);
        if (m) return utcMillis(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Math.floor(Number(`0.${m[7]}`) * 1000));
        return epochSecondsToMillis(v[si]!);
      };
    },
    fieldPatterns: { Label: /^\S+$/, Timestamp: /^\d{9,11}$/, Date: /^\d{4}\.\d{2}\.\d{2}$/, Time: /^\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}\.\d+$/, Level: LEVEL },
  },
  HPC: {
    logFormat: "<LogId> <Node> <Component> <State> <Time> <Flag> <Content>",
    masks: ["=\\d+"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 0.887, f1: 0.990644 },
    timestamp: (f) => epochField(f, "Time"),
    fieldPatterns: { LogId: /^\d+$/, Node: /^\S+$/, Time: /^\d{9,11}$/, Flag: /^\d$/ },
  },
  Thunderbird: {
    logFormat: "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\\[<PID>\\])?: <Content>",
    masks: ["(\\d+\\.){3}\\d+"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 0.955, f1: 0.999329 },
    timestamp: (f) => epochField(f, "Timestamp"),
    fieldPatterns: { Timestamp: /^\d{9,11}$/, Date: /^\d{4}\.\d{2}\.\d{2}$/, Month: /^[A-Z][a-z]{2}$/, Day: /^\d{1,2}$/, Time: /^\d{2}:\d{2}:\d{2}$/ },
  },
  Windows: {
    logFormat: "<Date> <Time>, <Level>                  <Component>    <Content>",
    masks: ["0x.*?\\s"],
    st: 0.7,
    depth: 5,
    published: { groupingAccuracy: 0.997, f1: 0.999994 },
    timestamp: (f) => isoDateClock(f),
    fieldPatterns: { Date: /^\d{4}-\d{2}-\d{2}$/, Time: /^\d{2}:\d{2}:\d{2}$/, Level: /^[A-Z][a-z]+$/ },
  },
  Linux: {
    logFormat: "<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>",
    masks: ["(\\d+\\.){3}\\d+", "\\d{2}:\\d{2}:\\d{2}"],
    st: 0.39,
    depth: 6,
    published: { groupingAccuracy: 0.69, f1: 0.992437 },
    timestamp: (f) => monthDayClock(f, "Month", "Date", "Time"),
    fieldPatterns: { Month: /^[A-Z][a-z]{2}$/, Date: /^\d{1,2}$/, Time: /^\d{2}:\d{2}:\d{2}$/, PID: /^(\d+)?$/ },
    // In this LogHub file the host sits where the format says Level (e.g. "combo"); kept as named.
    levelField: "Level",
    note: YEARLESS_NOTE,
  },
  Android: {
    logFormat: "<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>",
    masks: ["(/[\\w-]+)+", "([\\w-]+\\.){2,}[\\w-]+", "\\b(\\-?\\+?\\d+)\\b|\\b0[Xx][a-fA-F\\d]+\\b|\\b[a-fA-F\\d]{4,}\\b"],
    st: 0.2,
    depth: 6,
    published: { groupingAccuracy: 0.911, f1: 0.995913 },
    timestamp: (f) => {
      const di = f.indexOf("Date");
      const ti = f.indexOf("Time");
      return (v, o) => {
        const d = v[di]!;
        const c = readClock(v[ti]!);
        if (o.assumeYear === undefined || !c || !/^\d{2}-\d{2}$/.test(d)) return undefined;
        return utcMillis(o.assumeYear, Number(d.slice(0, 2)) - 1, Number(d.slice(3, 5)), ...c);
      };
    },
    fieldPatterns: { Date: /^\d{2}-\d{2}$/, Time: /^\d{2}:\d{2}:\d{2}\.\d{3}$/, Pid: /^\d+$/, Tid: /^\d+$/, Level: /^[VDIWEFA]$/ },
    note: YEARLESS_NOTE,
  },
  HealthApp: {
    logFormat: "<Time>\\|<Component>\\|<Pid>\\|<Content>",
    masks: [],
    st: 0.2,
    depth: 4,
    published: { groupingAccuracy: 0.78, f1: 0.918381 },
    timestamp: (f) => {
      const ti = f.indexOf("Time");
      return (v) => {
        const m = /^(\d{4})(\d{2})(\d{2})-(\d{1,2}):(\d{1,2}):(\d{1,2}):(\d{1,3})$/.exec(v[ti]!);
        return m ? utcMillis(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7])) : undefined;
      };
    },
    fieldPatterns: { Time: /^\d{8}-\d{1,2}:\d{1,2}:\d{1,2}:\d{1,3}$/, Pid: /^\d+$/ },
  },
  Apache: {
    logFormat: "\\[<Time>\\] \\[<Level>\\] <Content>",
    masks: ["(\\d+\\.){3}\\d+"],
    st: 0.5,
    depth: 4,
    published: { groupingAccuracy: 1, f1: 1 },
    timestamp: (f) => {
      const ti = f.indexOf("Time");
      return (v) => {
        const m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\d{4})$/.exec(v[ti]!);
        const c = m ? readClock(m[3]!) : null;
        return m && c ? utcMillis(Number(m[4]), monthIndex(m[1]!), Number(m[2]), ...c) : undefined;
      };
    },
    fieldPatterns: { Time: /^[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/, Level: /^[a-z]+$/ },
  },
  Proxifier: {
    logFormat: "\\[<Time>\\] <Program> - <Content>",
    masks: ["<\\d+\\ssec", "([\\w-]+\\.)+[\\w-]+(:\\d+)?", "\\d{2}:\\d{2}(:\\d{2})*", "[KGTM]B"],
    st: 0.6,
    depth: 3,
    published: { groupingAccuracy: 0.5265, f1: 0.784886 },
    timestamp: (f) => {
      const ti = f.indexOf("Time");
      return (v, o) => {
        const m = /^(\d{2})\.(\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(v[ti]!);
        const c = m ? readClock(m[3]!) : null;
        return m && c && o.assumeYear !== undefined ? utcMillis(o.assumeYear, Number(m[1]) - 1, Number(m[2]), ...c) : undefined;
      };
    },
    fieldPatterns: { Time: /^\d{2}\.\d{2} \d{2}:\d{2}:\d{2}$/, Program: /^\S+$/ },
    componentField: "Program",
    note: YEARLESS_NOTE,
  },
  OpenSSH: {
    logFormat: "<Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content>",
    masks: ["(\\d+\\.){3}\\d+", "([\\w-]+\\.){2,}[\\w-]+"],
    st: 0.6,
    depth: 5,
    published: { groupingAccuracy: 0.7875, f1: 0.999221 },
    timestamp: (f) => monthDayClock(f, "Date", "Day", "Time"),
    fieldPatterns: { Date: /^[A-Z][a-z]{2}$/, Day: /^\d{1,2}$/, Time: /^\d{2}:\d{2}:\d{2}$/, Pid: /^\d+$/ },
    note: YEARLESS_NOTE,
  },
  OpenStack: {
    logFormat: "<Logrecord> <Date> <Time> <Pid> <Level> <Component> \\[<ADDR>\\] <Content>",
    masks: ["((\\d+\\.){3}\\d+,?)+", "/.+?\\s", "\\d+"],
    st: 0.5,
    depth: 5,
    published: { groupingAccuracy: 0.7325, f1: 0.992536 },
    timestamp: (f) => isoDateClock(f),
    fieldPatterns: { Date: /^\d{4}-\d{2}-\d{2}$/, Time: /^\d{2}:\d{2}:\d{2}\.\d{3}$/, Pid: /^\d+$/, Level: LEVEL },
  },
  Mac: {
    logFormat: "<Month>  <Date> <Time> <User> <Component>\\[<PID>\\]( \\(<Address>\\))?: <Content>",
    masks: ["([\\w-]+\\.){2,}[\\w-]+"],
    st: 0.7,
    depth: 6,
    published: { groupingAccuracy: 0.7865, f1: 0.975451 },
    timestamp: (f) => monthDayClock(f, "Month", "Date", "Time"),
    fieldPatterns: { Month: /^[A-Z][a-z]{2}$/, Date: /^\d{1,2}$/, Time: /^\d{2}:\d{2}:\d{2}$/, PID: /^\d+$/ },
    note: YEARLESS_NOTE,
  },
};

const cache = new Map<LoghubSystem, LoghubPreset>();

/**
 * The preset of a LogHub system: format, masks, Drain settings and published numbers.
 *
 * @example
 * const p = loghubPreset("HDFS");
 * p.st; // 0.5
 * p.format.parse("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 ...")?.content;
 */
export function loghubPreset(system: LoghubSystem): LoghubPreset {
  const hit = cache.get(system);
  if (hit) return hit;
  const spec = SPECS[system];
  if (!spec) throw new Error(`no LogHub preset named "${system}"`);
  const fields = (spec.logFormat.match(/<[^<>]+>/g) ?? []).map((s) => s.slice(1, -1)).filter((f) => f !== "Content");
  const format = logFormat(spec.logFormat, {
    name: system,
    description: `LogHub ${system} (${spec.logFormat})${spec.note ? `; ${spec.note}` : ""}`,
    timestamp: spec.timestamp(fields),
    fieldPatterns: spec.fieldPatterns,
    levelField: spec.levelField,
    componentField: spec.componentField,
  });
  const preset: LoghubPreset = {
    system,
    logFormat: spec.logFormat,
    masks: spec.masks,
    st: spec.st,
    depth: spec.depth,
    published: spec.published,
    format,
  };
  cache.set(system, preset);
  return preset;
}
